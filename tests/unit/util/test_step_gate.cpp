#include "tlift/util/step_gate.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

using namespace tlift::util;

TEST_CASE("an open gate lets everything through", "[util]") {
    StepGate gate;
    CancelSource cs;
    for (int i = 0; i < 5; ++i) CHECK(gate.pass(cs.token()));
    CHECK(gate.passed() == 5);
}

TEST_CASE("a paused gate lets exactly the stepped events through", "[util]") {
    StepGate gate;
    CancelSource cs;
    gate.pause();
    std::atomic<int> done{0};
    std::thread worker([&] {
        while (gate.pass(cs.token())) ++done;
    });
    gate.step(3);
    // Wait until the worker consumed the three credits and blocks again.
    for (int i = 0; i < 200 && done.load() < 3; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK(done.load() == 3);
    cs.cancel();
    gate.wake();
    worker.join();
    CHECK(done.load() == 3);
}

TEST_CASE("cancel releases a paused gate", "[util]") {
    StepGate gate;
    CancelSource cs;
    gate.pause();
    std::thread worker([&] { CHECK_FALSE(gate.pass(cs.token())); });
    cs.cancel();
    worker.join();
}
