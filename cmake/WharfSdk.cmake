# The Wharf SDK: the core headers a destination may include - all of them and nothing else
# (docs/guides/new-destination.md). Installed under include/wharf/ with the wharf_core library
# and a CMake package (find_package(Wharf)); cmake/SdkCheck.cmake makes sure destinations/ stays
# inside it and that it is closed (an SDK header includes only SDK headers).
set(WHARF_SDK_HEADERS
  Error.h
  browse/DatasetBrowser.h browse/SqlDatasetBrowser.h browse/StoredSchema.h
  config/ConfigResolver.h config/ConfigSpec.h config/ConnectionString.h config/CsvFormatOptions.h
  destination/Capabilities.h destination/Destination.h destination/DestinationPlugin.h
  destination/WriteStrategy.h
  formats/CsvFormat.h formats/InputStream.h formats/RowReader.h formats/TextScan.h formats/Value.h
  formats/PythonJson.h
  load/BlockingQueue.h load/Coerce.h load/CrashPoint.h load/LogCategories.h
  package/JobFileName.h package/LoadPackage.h
  schema/Schema.h
  sql/DdlBuilder.h sql/MergeSql.h sql/ReplaceSql.h sql/SqlClient.h sql/SqlJobClient.h sql/TableKeys.h
  sql/TcpLiveness.h sql/TypeMapper.h)
