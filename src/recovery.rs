//! Recovery plans: what a program does about an error, when, for how long, and when to fail
//! over or give up.
//!
//! Every entry has a plan ([`ErrorInfo::recovery`](crate::ErrorInfo::recovery)). Most come
//! from the entry's retry verdict, layer and category by the rule in `data/README.md`; the
//! entries Cisco publishes numbers for (503 and failover timing, the sign-in lockout, the
//! forced logout after a lost desktop, session-identity clashes) have a plan of their own in
//! `data/recovery.csv`, with its sources. Plans are static data: nothing allocates.

use crate::Action;
use crate::entry::Text;
use core::ffi::CStr;
use core::time::Duration;

/// What to do about an error, and the timing to do it with.
///
/// ```
/// use finesse_errors::{finesse_error, Action};
/// use core::time::Duration;
///
/// let plan = finesse_error(503, "SERVER_OUT_OF_SERVICE").unwrap().recovery();
/// assert_eq!(plan.action(), Action::WaitAndRetry);
/// assert_eq!(plan.refresh(), Some("GET /finesse/api/SystemInfo"));
/// assert!(plan.first_delay() >= Duration::from_secs(1));
/// assert!(plan.failover());
/// // Every delay of the schedule, summed, stays within the time to fail over.
/// let total: Duration = plan.delays(7).sum();
/// assert!(total <= plan.give_up_after().unwrap());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Recovery {
    action: Action,
    refresh: Option<Text>,
    first_delay_ms: u32,
    factor: u32,
    max_delay_ms: u32,
    give_up_after_ms: Option<u32>,
    failover: bool,
    harmful_to_retry: bool,
    source: Text,
}

impl Recovery {
    #[allow(clippy::too_many_arguments)]
    pub(crate) const fn new(
        action: Action,
        refresh: Option<Text>,
        first_delay_ms: u32,
        factor: u32,
        max_delay_ms: u32,
        give_up_after_ms: Option<u32>,
        failover: bool,
        harmful_to_retry: bool,
        source: Text,
    ) -> Recovery {
        Recovery {
            action,
            refresh,
            first_delay_ms,
            factor,
            max_delay_ms,
            give_up_after_ms,
            failover,
            harmful_to_retry,
            source,
        }
    }

    /// What to do first.
    pub const fn action(&self) -> Action {
        self.action
    }

    /// The state to re-read before sending anything again (`GET /finesse/api/Dialog/{id}`,
    /// `GET /finesse/api/SystemInfo` ...), if the plan names one.
    pub const fn refresh(&self) -> Option<&'static str> {
        match self.refresh {
            Some(text) => Some(text.text),
            None => None,
        }
    }

    /// [`refresh`](Self::refresh) as a C string (empty when there is none).
    pub const fn refresh_c(&self) -> &'static CStr {
        match self.refresh {
            Some(text) => text.c_text,
            None => c"",
        }
    }

    /// The wait before the first retry (zero when the plan does not retry).
    pub const fn first_delay(&self) -> Duration {
        Duration::from_millis(self.first_delay_ms as u64)
    }

    /// How much each wait grows over the one before (1: constant, 2: doubling).
    pub const fn factor(&self) -> u32 {
        self.factor
    }

    /// The longest single wait.
    pub const fn max_delay(&self) -> Duration {
        Duration::from_millis(self.max_delay_ms as u64)
    }

    /// The total time after which to stop retrying here: fail over when
    /// [`failover`](Self::failover) is true, otherwise give up. `None` when the plan does not
    /// retry at all.
    pub const fn give_up_after(&self) -> Option<Duration> {
        match self.give_up_after_ms {
            Some(ms) => Some(Duration::from_millis(ms as u64)),
            None => None,
        }
    }

    /// Whether to move to the other Finesse node once the time to give up has passed.
    pub const fn failover(&self) -> bool {
        self.failover
    }

    /// Whether retrying can do harm: five failed sign-ins lock a Finesse user out for five
    /// minutes; a second session with one identity knocks the first off, which comes back.
    pub const fn harmful_to_retry(&self) -> bool {
        self.harmful_to_retry
    }

    /// Where the plan's numbers come from: source keys (see `data/README.md`).
    pub const fn source(&self) -> &'static str {
        self.source.text
    }

    /// [`source`](Self::source) as a C string.
    pub const fn source_c(&self) -> &'static CStr {
        self.source.c_text
    }

    /// Whether the plan sends anything again by itself (after its delays).
    pub const fn retries(&self) -> bool {
        self.give_up_after_ms.is_some()
    }

    /// The waits between attempts: from [`first_delay`](Self::first_delay), growing by
    /// [`factor`](Self::factor) up to [`max_delay`](Self::max_delay), each shortened by a
    /// random part of up to half (jitter, so that many clients do not retry in step) drawn from
    /// `seed`: the same seed gives the same schedule. The schedule ends before the waits add up
    /// to more than [`give_up_after`](Self::give_up_after); it is empty for a plan that does
    /// not retry.
    ///
    /// Any retry crate that takes an iterator of delays can use it; with `backon`:
    ///
    /// ```
    /// use backon::{BlockingRetryable, Retryable};
    /// use finesse_errors::finesse_error;
    ///
    /// let plan = finesse_error(503, "SERVER_OUT_OF_SERVICE").unwrap().recovery();
    /// let mut calls = 0;
    /// let answer = (|| {
    ///     calls += 1;
    ///     if calls < 3 { Err("503") } else { Ok("IN_SERVICE") }
    /// })
    /// .retry(plan.delays(42))
    /// .sleep(|_| {}) // a real service sleeps: std::thread::sleep
    /// .call();
    /// assert_eq!(answer, Ok("IN_SERVICE"));
    /// ```
    pub const fn delays(&self, seed: u64) -> Delays {
        Delays {
            next_ms: self.first_delay_ms as u64,
            factor: self.factor as u64,
            max_ms: self.max_delay_ms as u64,
            budget_ms: match self.give_up_after_ms {
                Some(ms) => ms as u64,
                None => 0,
            },
            state: seed ^ 0x9e37_79b9_7f4a_7c15,
        }
    }
}

/// The waits of a [`Recovery`] plan: see [`Recovery::delays`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delays {
    next_ms: u64,
    factor: u64,
    max_ms: u64,
    /// What may still be waited in all.
    budget_ms: u64,
    state: u64,
}

impl Delays {
    /// splitmix64: small, fast and good enough to spread retries.
    fn random(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

impl Iterator for Delays {
    type Item = Duration;

    fn next(&mut self) -> Option<Duration> {
        let base = self.next_ms.min(self.max_ms);
        if base == 0 && self.budget_ms == 0 {
            return None;
        }
        // Equal jitter: half the wait is fixed, the other half random.
        let half = base / 2;
        let wait = base - half + self.random() % (half + 1);
        if wait > self.budget_ms {
            self.budget_ms = 0;
            self.next_ms = 0;
            return None;
        }
        self.budget_ms -= wait;
        self.next_ms = base.saturating_mul(self.factor.max(1)).min(self.max_ms);
        // A plan of zero delays retries once, at once, then stops.
        if wait == 0 {
            self.budget_ms = 0;
        }
        Some(Duration::from_millis(wait))
    }
}

impl core::iter::FusedIterator for Delays {}
