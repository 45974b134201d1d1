#pragma once

#include <QMutex>
#include <QMutexLocker>
#include <QWaitCondition>
#include <deque>
#include <optional>

namespace wharf {

/// A small multi-producer/multi-consumer queue used between the loader's coordinator and its
/// workers. close() wakes every waiter; pop() then drains what is left and returns nullopt.
template <typename T> class BlockingQueue {
public:
    void push(T item)
    {
        QMutexLocker lock(&m_mutex);
        m_items.push_back(std::move(item));
        m_cond.wakeOne();
    }

    /// Waits up to `timeoutMs` (-1 = forever) for an item.
    std::optional<T> pop(int timeoutMs = -1)
    {
        QMutexLocker lock(&m_mutex);
        while (m_items.empty() && !m_closed) {
            if (timeoutMs < 0) {
                m_cond.wait(&m_mutex);
            } else if (!m_cond.wait(&m_mutex, QDeadlineTimer(timeoutMs))) {
                break;
            }
        }
        if (m_items.empty())
            return std::nullopt;
        T item = std::move(m_items.front());
        m_items.pop_front();
        return item;
    }

    void close()
    {
        QMutexLocker lock(&m_mutex);
        m_closed = true;
        m_cond.wakeAll();
    }

private:
    QMutex m_mutex;
    QWaitCondition m_cond;
    std::deque<T> m_items;
    bool m_closed = false;
};

} // namespace wharf
