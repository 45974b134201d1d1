#pragma once

#include <QMutex>
#include <QMutexLocker>
#include <QWaitCondition>
#include <deque>
#include <optional>

namespace wharf {

/// A small multi-producer/multi-consumer queue used between the loader's coordinator and its
/// workers. close() wakes every waiter; pop() then drains what is left and returns nullopt.
/// With a capacity, push() waits while that many items are queued (not once it is closed).
template <typename T> class BlockingQueue {
public:
    explicit BlockingQueue(std::size_t capacity = 0)
        : m_capacity(capacity)
    {}

    void push(T item)
    {
        QMutexLocker lock(&m_mutex);
        while (m_capacity > 0 && m_items.size() >= m_capacity && !m_closed)
            m_space.wait(&m_mutex);
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
        m_space.wakeOne();
        return item;
    }

    void close()
    {
        QMutexLocker lock(&m_mutex);
        m_closed = true;
        m_cond.wakeAll();
        m_space.wakeAll();
    }

private:
    QMutex m_mutex;
    QWaitCondition m_cond;  ///< an item came, or the queue closed
    QWaitCondition m_space; ///< an item left, or the queue closed
    std::deque<T> m_items;
    std::size_t m_capacity = 0;
    bool m_closed = false;
};

} // namespace wharf
