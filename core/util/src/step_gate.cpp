#include "tlift/util/step_gate.h"

#include <chrono>

namespace tlift::util {

bool StepGate::pass(const CancelToken& token) {
    std::unique_lock lock(m_mutex);
    while (m_paused && m_credits == 0) {
        if (token.cancelled()) return false;
        // Poll the token regularly: a cancel may come from a source that does not call wake().
        m_cv.wait_for(lock, std::chrono::milliseconds(20));
    }
    if (token.cancelled()) return false;
    if (m_paused && m_credits > 0) --m_credits;
    ++m_passed;
    return true;
}

void StepGate::pause() {
    std::lock_guard lock(m_mutex);
    m_paused = true;
    m_credits = 0;
}

void StepGate::resume() {
    {
        std::lock_guard lock(m_mutex);
        m_paused = false;
        m_credits = 0;
    }
    m_cv.notify_all();
}

void StepGate::step(int n) {
    {
        std::lock_guard lock(m_mutex);
        m_paused = true;
        m_credits += n;
    }
    m_cv.notify_all();
}

void StepGate::wake() { m_cv.notify_all(); }

bool StepGate::paused() const {
    std::lock_guard lock(m_mutex);
    return m_paused;
}

long long StepGate::passed() const {
    std::lock_guard lock(m_mutex);
    return m_passed;
}

} // namespace tlift::util
