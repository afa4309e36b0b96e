#include "solver_session.h"

#include "tlift/util/strings.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace tlift::verify::smt {

namespace {

// Interrupts the context when the token is cancelled, for as long as it lives.
class CancelWatcher {
public:
    CancelWatcher(z3::context& z, util::CancelToken token) : m_z(z), m_token(std::move(token)) {
        if (m_token.flag()) m_thread = std::thread([this] { watch(); });
    }
    ~CancelWatcher() {
        {
            std::lock_guard lock(m_mutex);
            m_done = true;
        }
        m_cv.notify_all();
        if (m_thread.joinable()) m_thread.join();
    }

private:
    void watch() {
        std::unique_lock lock(m_mutex);
        while (!m_done) {
            if (m_token.cancelled()) {
                m_z.interrupt();
                return;
            }
            m_cv.wait_for(lock, std::chrono::milliseconds(5));
        }
    }
    z3::context& m_z;
    util::CancelToken m_token;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_done = false;
    std::thread m_thread;
};

} // namespace

SolverSession::SolverSession(z3::context& z, SolverConfig config)
    : m_z(z), m_solver(z), m_config(std::move(config)) {
    z3::params p(m_z);
    p.set("random_seed", m_config.seed);
    // Z3 4.8's Groebner-basis step of the nonlinear arithmetic solver polls neither the timeout
    // nor an interrupt: queries with symbolic strides times indices (tiled dot, online softmax
    // induction steps) ran for minutes past their limit. Without it they answer within it.
    p.set("arith.nl.grobner", false);
    m_solver.set(p);
}

void SolverSession::add(const z3::expr& fact) {
    if (!fact.is_true()) m_solver.add(fact);
}

void SolverSession::add(const std::vector<z3::expr>& facts) {
    for (const z3::expr& f : facts) add(f);
}

SolverOutcome SolverSession::run(unsigned timeoutMs) {
    SolverOutcome out;
    if (m_config.cancel.cancelled()) {
        out.result = SolverResult::Cancelled;
        return out;
    }
    z3::params p(m_z);
    p.set("timeout", std::max(1u, timeoutMs));
    m_solver.set(p);
    auto start = std::chrono::steady_clock::now();
    try {
        CancelWatcher watcher(m_z, m_config.cancel);
        switch (m_solver.check()) {
        case z3::sat:
            out.result = SolverResult::Sat;
            m_model = m_solver.get_model();
            break;
        case z3::unsat: out.result = SolverResult::Unsat; break;
        case z3::unknown: {
            out.reason = m_solver.reason_unknown();
            if (m_config.cancel.cancelled()) out.result = SolverResult::Cancelled;
            else if (out.reason.find("timeout") != std::string::npos || out.reason.find("canceled") != std::string::npos)
                out.result = SolverResult::Timeout;
            else out.result = SolverResult::Unknown;
            break;
        }
        }
    } catch (const z3::exception& ex) {
        out.result = m_config.cancel.cancelled() ? SolverResult::Cancelled : SolverResult::Unknown;
        out.reason = std::string("solver error: ") + ex.msg();
    }
    out.millis = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return out;
}

SolverOutcome SolverSession::check() { return run(m_config.timeoutMs); }

SolverOutcome SolverSession::check(unsigned timeoutMs) { return run(timeoutMs); }

void SolverSession::writeSmtFile(z3::context& z, const std::vector<z3::expr>& facts, unsigned seed,
                                 const std::string& path) {
    z3::solver s(z);
    for (const z3::expr& f : facts)
        if (!f.is_true()) s.add(f);
    std::string text = "; tritonlift verification query: unsat means the claim holds\n";
    text += "(set-option :smt.random_seed " + std::to_string(seed) + ")\n";
    text += s.to_smt2();
    util::writeFile(path, text);
}

void SolverSession::preferModel(const z3::expr& extra, unsigned timeoutMs) {
    m_solver.push();
    m_solver.add(extra);
    run(timeoutMs); // replaces the model only when it finds one
    m_solver.pop();
}

} // namespace tlift::verify::smt
