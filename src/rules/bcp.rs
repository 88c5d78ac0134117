//! (family stub: declarations and checks arrive with the family)

use super::{Context, Rule};
use crate::diagnostic::Finding;

pub const RULES: &[&Rule] = &[];

pub fn check(_cx: &Context<'_>, _out: &mut Vec<Finding>) {}
