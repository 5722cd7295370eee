// Script jobs in virtual time. Each shell job (the script itself, every `&`
// job) is a task; exactly one task runs at a time and hands over only where a
// process would block (sleep, waiting for a reply, wait), so the interleaving
// is a pure function of virtual time and task order: deterministic.
//
// Tasks are OS threads passing a baton; while every task is blocked, the
// blocked task that holds the baton drives the event loop forward.
#pragma once
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "core/event_loop.h"

namespace skbox {

// Thrown inside a task's thread when the world shuts down, to unwind it.
struct TaskCancelled {};
// Thrown inside a task that got a signal it does not catch (kill of a job).
struct TaskKilled {
  int sig;
};

class Tasks {
 public:
  explicit Tasks(EventLoop& loop);
  ~Tasks();
  Tasks(const Tasks&) = delete;
  Tasks& operator=(const Tasks&) = delete;

  // Blocks the calling task until ready() holds or virtual time reaches
  // `deadline`. ready is checked after every event. Returns ready()'s last value.
  bool block_until(Time deadline, const std::function<bool()>& ready = {});
  void sleep_until(Time t) { block_until(t); }
  void sleep_for(Duration d) { block_until(loop_.now() + d); }

  // Starts fn as a new concurrent task (a background job); returns its id.
  // The new task first runs when the caller next blocks.
  int spawn(std::function<int()> fn);
  bool finished(int id) const;
  // Blocks until task `id` ends; returns its exit status.
  int wait(int id);

  // kill(2) of a job: wakes task `id` if it is blocked. A task that catches
  // signals reads it with take_signal(); any other is unwound with
  // TaskKilled and ends with status 128+sig. SIGSTOP/SIGTSTP freeze the
  // task (it is never picked to run) until SIGCONT. False if the task has
  // ended.
  bool kill(int id, int sig);
  // The calling task handles signals itself (SIGKILL is still fatal).
  void catch_signals(bool on);
  // The calling task's pending signal (0: none), cleared.
  int take_signal();

  // Ends every other task (at shutdown): each is unwound with TaskCancelled.
  void cancel_all();

 private:
  struct Task;
  Task* pick_ready(Task* self);
  Time next_deadline() const;
  void switch_to(Task* from, Task* to);
  void run_task(Task* t);
  void finish(Task* t);

  EventLoop& loop_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Task>> tasks_;
  Task* current_ = nullptr;
  int next_id_ = 1;
  bool cancelling_ = false;
};

}  // namespace skbox
