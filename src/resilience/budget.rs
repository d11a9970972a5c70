//! A retry budget shared by every request of a client: retries spend tokens, successes put
//! tokens back, and once the budget is down to its floor a retry is refused, so an outage
//! cannot multiply a client's traffic.

use core::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// The numbers of a [`RetryBudget`], in tokens (kept internally in thousandths).
///
/// A retry is allowed when the budget holds more than [`floor`](Self::floor) tokens and
/// keeps at least `floor` after paying its cost.
///
/// ```
/// use finesse_errors::resilience::BudgetConfig;
///
/// let aws = BudgetConfig::aws_standard();
/// assert_eq!((aws.capacity, aws.retry_cost, aws.timeout_cost), (500.0, 5.0, 10.0));
/// let grpc = BudgetConfig::grpc_throttling(10.0, 0.1);
/// assert_eq!(grpc.floor, 5.0);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct BudgetConfig {
    /// Tokens when full (and at the start).
    pub capacity: f64,
    /// What a retry after an error response costs.
    pub retry_cost: f64,
    /// What a retry after a timeout or a lost connection costs (a node that does not answer
    /// is likelier to be overloaded than one that answers 503).
    pub timeout_cost: f64,
    /// What each success puts back (up to `capacity`).
    pub success_refill: f64,
    /// What each failed attempt takes, retried or not (gRPC's throttling counts failures, not
    /// retries).
    pub failure_cost: f64,
    /// The level a retry may not take the budget below; at or below it every retry is refused.
    pub floor: f64,
}

impl BudgetConfig {
    /// The AWS SDKs' standard retry mode: a bucket of 500 tokens, 5 per retry, 10 per retry
    /// after a timeout, 1 back per success. (The SDKs also refund a retry's cost when it
    /// succeeds; here every success refills the same amount.)
    pub const fn aws_standard() -> BudgetConfig {
        BudgetConfig {
            capacity: 500.0,
            retry_cost: 5.0,
            timeout_cost: 10.0,
            success_refill: 1.0,
            failure_cost: 0.0,
            floor: 0.0,
        }
    }

    /// gRPC's retry throttling: `max_tokens` tokens, each failure takes one, each success puts
    /// back `token_ratio`, and no retry is sent once the tokens are at or below half of
    /// `max_tokens`. gRPC's own example is `grpc_throttling(10.0, 0.1)`.
    pub const fn grpc_throttling(max_tokens: f64, token_ratio: f64) -> BudgetConfig {
        BudgetConfig {
            capacity: max_tokens,
            retry_cost: 0.0,
            timeout_cost: 0.0,
            success_refill: token_ratio,
            failure_cost: 1.0,
            floor: max_tokens / 2.0,
        }
    }
}

impl Default for BudgetConfig {
    /// [`BudgetConfig::aws_standard`].
    fn default() -> Self {
        BudgetConfig::aws_standard()
    }
}

/// What a retry pays for: the kind of failure it follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RetryCost {
    /// An error response (503, 500 ...).
    Error,
    /// A timeout or a lost connection: no answer at all.
    Timeout,
}

/// A retry the budget refused, and why.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BudgetExhausted {
    /// Tokens left in the budget.
    pub tokens: f64,
    /// What the retry would have cost.
    pub cost: f64,
    /// The level the budget may not go below.
    pub floor: f64,
}

impl fmt::Display for BudgetExhausted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "retry budget exhausted: {:.1} tokens left, the retry costs {:.1} and the budget keeps {:.1}",
            self.tokens, self.cost, self.floor
        )
    }
}

impl std::error::Error for BudgetExhausted {}

/// Thousandths of a token: integer atomics, no float compare-and-swap.
fn milli(tokens: f64) -> i64 {
    if tokens.is_finite() {
        (tokens.clamp(0.0, 1e12) * 1000.0).round() as i64
    } else {
        0
    }
}

fn tokens(milli: i64) -> f64 {
    milli as f64 / 1000.0
}

#[derive(Debug)]
struct Inner {
    capacity: i64,
    retry_cost: i64,
    timeout_cost: i64,
    success_refill: i64,
    failure_cost: i64,
    floor: i64,
    tokens: AtomicI64,
}

/// A token bucket every request of a client shares: cheap to clone (clones share the tokens),
/// `Send + Sync`, and lock-free (one atomic integer).
///
/// ```
/// use finesse_errors::resilience::{BudgetConfig, RetryBudget, RetryCost};
///
/// let mut config = BudgetConfig::aws_standard();
/// config.capacity = 10.0;
/// let budget = RetryBudget::new(config);
/// let shared = budget.clone();
/// assert!(budget.withdraw(RetryCost::Timeout).is_ok()); // 10 tokens spent
/// let refused = shared.withdraw(RetryCost::Error).unwrap_err();
/// assert_eq!(refused.tokens, 0.0);
/// budget.deposit();
/// assert_eq!(shared.tokens(), 1.0);
/// ```
#[derive(Clone, Debug)]
pub struct RetryBudget {
    inner: Arc<Inner>,
}

impl RetryBudget {
    /// A full budget with these numbers (negative or non-finite numbers count as zero).
    pub fn new(config: BudgetConfig) -> RetryBudget {
        let capacity = milli(config.capacity);
        RetryBudget {
            inner: Arc::new(Inner {
                capacity,
                retry_cost: milli(config.retry_cost),
                timeout_cost: milli(config.timeout_cost),
                success_refill: milli(config.success_refill),
                failure_cost: milli(config.failure_cost),
                floor: milli(config.floor),
                tokens: AtomicI64::new(capacity),
            }),
        }
    }

    /// Tokens left.
    pub fn tokens(&self) -> f64 {
        tokens(self.inner.tokens.load(Ordering::Relaxed))
    }

    /// Pays for one retry, or says why it may not be sent.
    pub fn withdraw(&self, cost: RetryCost) -> Result<(), BudgetExhausted> {
        let inner = &*self.inner;
        let price = match cost {
            RetryCost::Error => inner.retry_cost,
            RetryCost::Timeout => inner.timeout_cost,
        };
        inner
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |now| {
                (now > inner.floor && now - price >= inner.floor).then_some(now - price)
            })
            .map(|_| ())
            .map_err(|now| BudgetExhausted {
                tokens: tokens(now),
                cost: tokens(price),
                floor: tokens(inner.floor),
            })
    }

    /// Records a success: puts the refill back, up to the capacity.
    pub fn deposit(&self) {
        let inner = &*self.inner;
        let _ = inner
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |now| {
                Some(now.saturating_add(inner.success_refill).min(inner.capacity))
            });
    }

    /// Records a failed attempt: takes the failure cost (zero in the AWS preset), down to zero.
    pub fn record_failure(&self) {
        let inner = &*self.inner;
        if inner.failure_cost == 0 {
            return;
        }
        let _ = inner
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |now| {
                Some(now.saturating_sub(inner.failure_cost).max(0))
            });
    }
}

impl Default for RetryBudget {
    /// A budget with [`BudgetConfig::aws_standard`].
    fn default() -> Self {
        RetryBudget::new(BudgetConfig::default())
    }
}
