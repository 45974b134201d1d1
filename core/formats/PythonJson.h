#pragma once

#include <string>
#include <string_view>

namespace wharf {

/// JSON text as Python's `json.dumps(value)` writes it with its defaults, which is how dlt's
/// sqlalchemy destination stores json columns: ", " and ": " between items, every character
/// outside printable ASCII escaped as \uXXXX (surrogate pairs beyond the BMP, lower-case hex),
/// floats in Python's repr (`1e+300`, `1.0`, `3.695780059764786e-08`), key order kept.
/// Returns false, leaving `out` unspecified, when `json` is not valid JSON text.
bool toPythonJson(std::string_view json, std::string &out);

/// Python's repr() of a float: the shortest text that reads back to `d`, fixed notation from
/// 1e-4 up to 1e16 (with ".0" on whole numbers), else `d.ddde±XX`; `inf`, `-inf`, `nan`.
std::string pythonFloatRepr(double d);

} // namespace wharf
