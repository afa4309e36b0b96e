#pragma once
// A gate a worker passes once per event: open (run freely), paused (wait), or stepping (let
// exactly N more events through, then pause). The explorer drives it; the engine's search
// calls pass() before each event it reports. Cancellation always opens the gate.

#include "tlift/util/cancel.h"

#include <condition_variable>
#include <mutex>

namespace tlift::util {

class StepGate {
public:
    // Returns false when the token was cancelled while waiting (the caller should stop).
    bool pass(const CancelToken& token);

    void pause();
    void resume();
    // Lets `n` more events through, then pauses again.
    void step(int n = 1);
    // Wakes waiters so they notice a cancellation.
    void wake();

    bool paused() const;
    // Number of events that passed the gate so far.
    long long passed() const;

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_paused = false;
    long long m_credits = 0;
    long long m_passed = 0;
};

} // namespace tlift::util
