//! The event loop: Node's phases on a tokio current-thread runtime.
//!
//! ```text
//!   ┌─► timers ──── run every timer whose deadline ≤ now (deadline order, then insertion)
//!   │     │
//!   │   pending ─── (deferred I/O callbacks; none yet)
//!   │     │
//!   │    poll ───── wait for I/O completions, blocking only when nothing else is
//!   │     │         runnable: until the next timer, or forever if only I/O is ref'ed
//!   │     │
//!   │   check ───── setImmediate callbacks queued before this phase began
//!   │     │
//!   │   close ───── (close callbacks; none yet)
//!   │     │
//!   └── alive? ──── ref'ed timers, immediates or I/O; if not: 'beforeExit', then again
//! ```
//!
//! Every JS callback runs through the bootstrap's hooks, which after each single
//! callback drain the nextTick queue, then the microtask queue, until both are empty,
//! then report unhandled rejections (Node's processTicksAndRejections). So the Rust side
//! only decides *when* each phase runs and how long poll may block.

use std::time::Duration;

use crate::binding;
use crate::vm::Vm;

/// Bits of the bootstrap's `loopState()`.
const ALIVE: i32 = 1;
const IMMEDIATES: i32 = 2;

/// Runs the loop until nothing ref'ed remains; returns the exit code.
pub fn run(vm: &Vm) -> i32 {
    let tokio = match tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            binding::write(2, &format!("dynojs: cannot start the event loop: {e}\n"));
            return 70;
        }
    };
    loop {
        let now = vm.clock.now_ms();
        let next_timer: f64 = vm.call_hook("runTimers", (now,)).unwrap_or(-1.0);
        let state: i32 = vm.call_hook("loopState", ()).unwrap_or(0);
        // Poll: block only when nothing else can run now.
        if state & IMMEDIATES == 0 && state & ALIVE != 0 && next_timer >= 0.0 {
            let wait_ms = next_timer - vm.clock.now_ms();
            if wait_ms > 0.0 {
                binding::flush_stdout();
                let wait = Duration::from_secs_f64(wait_ms / 1e3);
                tokio.block_on(async { tokio::time::sleep(wait).await });
            }
        }
        let now = vm.clock.now_ms();
        vm.call_hook::<_, ()>("runImmediates", (now,));
        let state: i32 = vm.call_hook("loopState", ()).unwrap_or(0);
        if state & ALIVE == 0 {
            vm.call_hook::<_, ()>("emitBeforeExit", ());
            let state: i32 = vm.call_hook("loopState", ()).unwrap_or(0);
            if state & ALIVE == 0 {
                break;
            }
        }
    }
    if vm.unsettled_top_level_await() {
        binding::write(
            2,
            &format!(
                "Warning: Detected unsettled top-level await at {}\n",
                vm.main_name()
            ),
        );
        return 13;
    }
    vm.call_hook::<_, i32>("emitExit", ()).unwrap_or(1)
}
