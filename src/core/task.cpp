#include "core/task.h"

#include <cassert>
#include <csignal>
#include <thread>

namespace skbox {

struct Tasks::Task {
  int id = 0;
  std::function<int()> fn;
  std::thread thread;
  std::condition_variable cv;
  bool started = false;   // its thread exists
  bool blocked = false;   // waiting in block_until (or not yet started)
  bool done = false;
  bool cancelled = false;
  bool catching = false;  // catch_signals()
  bool stopped = false;   // SIGSTOP'd: runs again only after SIGCONT
  int sig = 0;            // pending signal
  int status = 0;
  Time deadline = kTimeNever;
  const std::function<bool()>* ready = nullptr;
};

Tasks::Tasks(EventLoop& loop) : loop_(loop) {
  // Task 0 is whoever drives the world (the main script) on the calling thread.
  auto main = std::make_unique<Task>();
  main->started = true;
  current_ = main.get();
  tasks_.push_back(std::move(main));
}

Tasks::~Tasks() {
  cancel_all();
  for (auto& t : tasks_)
    if (t->thread.joinable()) t->thread.join();
}

bool Tasks::finished(int id) const {
  for (auto& t : tasks_)
    if (t->id == id) return t->done;
  return true;
}

// The earliest deadline of a task that could run when it comes.
Time Tasks::next_deadline() const {
  Time limit = kTimeNever;
  for (auto& up : tasks_)
    if (up->blocked && !up->done && up->started && !up->stopped && up->deadline < limit) limit = up->deadline;
  return limit;
}

// The lowest-numbered blocked task whose condition holds (self included).
Tasks::Task* Tasks::pick_ready(Task* self) {
  for (auto& up : tasks_) {
    Task* t = up.get();
    if (t->done || !t->blocked) continue;
    if (t != self && t->cancelled) return t;
    if (t->stopped) continue;
    bool ok = !t->started || t->sig != 0 || loop_.now() >= t->deadline || (t->ready && *t->ready && (*t->ready)());
    if (ok) return t;
  }
  return nullptr;
}

void Tasks::switch_to(Task* from, Task* to) {
  std::unique_lock lk(mu_);
  current_ = to;
  to->blocked = false;
  if (!to->started) {
    to->started = true;
    to->thread = std::thread([this, to] { run_task(to); });
  } else {
    to->cv.notify_one();
  }
  if (from == nullptr) return;  // a finished task leaves
  from->cv.wait(lk, [&] { return current_ == from; });
}

bool Tasks::block_until(Time deadline, const std::function<bool()>& ready) {
  Task* self = current_;
  self->deadline = deadline;
  self->ready = ready ? &ready : nullptr;
  self->blocked = true;
  for (;;) {
    if (self->cancelled || self->sig) break;
    Task* t = pick_ready(self);
    if (t == self) break;
    if (t != nullptr) {
      switch_to(self, t);  // returns when another task picked us: we are ready
      break;
    }
    // Nobody can run: move virtual time to the next event or deadline.
    Time limit = next_deadline();
    if (!loop_.run_next(limit)) {
      if (limit == kTimeNever) break;  // deadlock: nothing will ever happen
      loop_.run_until(limit);
    }
  }
  self->blocked = false;
  self->ready = nullptr;
  if (self->cancelled) throw TaskCancelled{};
  if (self->sig && (!self->catching || self->sig == 9)) {
    const int s = self->sig;
    self->sig = 0;
    throw TaskKilled{s};
  }
  return ready ? ready() : loop_.now() >= deadline;
}

int Tasks::spawn(std::function<int()> fn) {
  auto t = std::make_unique<Task>();
  t->id = next_id_++;
  t->fn = std::move(fn);
  t->blocked = true;  // runnable at once, when the spawner next blocks
  int id = t->id;
  tasks_.push_back(std::move(t));
  return id;
}

int Tasks::wait(int id) {
  Task* target = nullptr;
  for (auto& t : tasks_)
    if (t->id == id) target = t.get();
  if (!target) return 127;
  std::function<bool()> done = [target] { return target->done; };
  while (!target->done) {
    block_until(kTimeNever, done);
    if (!target->done) break;  // deadlock: the job can never finish
  }
  return target->done ? target->status : 0;
}

void Tasks::run_task(Task* t) {
  {
    std::unique_lock lk(mu_);
    t->cv.wait(lk, [&] { return current_ == t; });
  }
  try {
    if (t->sig)  // killed while stopped before it ever ran
      t->status = 128 + t->sig;
    else if (!t->cancelled)
      t->status = t->fn();
  } catch (const TaskCancelled&) {
    t->status = 143;
  } catch (const TaskKilled& k) {
    t->status = 128 + k.sig;
  }
  finish(t);
}

void Tasks::finish(Task* t) {
  t->done = true;
  // Hand the baton on: drive time until some task can run.
  for (;;) {
    Task* next = pick_ready(nullptr);
    if (next) {
      switch_to(nullptr, next);
      return;
    }
    Time limit = next_deadline();
    if (!loop_.run_next(limit)) {
      if (limit == kTimeNever) {
        // Deadlock: wake the main task so it can notice and carry on.
        Task* main = tasks_[0].get();
        if (!main->done) switch_to(nullptr, main);
        return;
      }
      loop_.run_until(limit);
    }
  }
}

bool Tasks::kill(int id, int sig) {
  for (auto& t : tasks_) {
    if (t->id != id || t->id == 0) continue;
    if (t->done) return false;
    // Job control: a stopped job keeps its other signals pending until
    // SIGCONT; only SIGKILL ends it while stopped.
    if (sig == SIGSTOP || sig == SIGTSTP) {
      t->stopped = true;
      return true;
    }
    if (sig == SIGCONT) {
      t->stopped = false;
      return true;
    }
    if (sig == SIGKILL) t->stopped = false;
    if (!t->started && !t->stopped) {  // never ran: it just ends
      t->done = true;
      t->status = 128 + sig;
      return true;
    }
    t->sig = sig;
    return true;
  }
  return false;
}

void Tasks::catch_signals(bool on) { current_->catching = on; }

int Tasks::take_signal() {
  const int s = current_->sig;
  current_->sig = 0;
  return s;
}

void Tasks::cancel_all() {
  if (cancelling_) return;
  cancelling_ = true;
  Task* self = current_;
  for (size_t i = 0; i < tasks_.size(); ++i) {
    Task* t = tasks_[i].get();
    if (t == self || t->done) continue;
    t->cancelled = true;
    if (!t->started) {
      t->done = true;
      continue;
    }
    // pick_ready() prefers cancelled tasks: t runs at once, unwinds, and
    // hands the baton back to us when it is done.
    std::function<bool()> gone = [t] { return t->done; };
    block_until(kTimeNever, gone);
  }
}

}  // namespace skbox
