//! "Did you mean ...?" for names typed by a person or published by a server.

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions)
/// on characters, or `None` as soon as it must exceed `max`.
pub fn bounded_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max.saturating_mul(4) {
        return None; // more characters apart than `max` whatever the encoding
    }
    if a.is_ascii() && b.is_ascii() {
        return osa(a.as_bytes(), b.as_bytes(), max);
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    osa(&a, &b, max)
}

/// [`bounded_distance`] on sequences of characters, keeping the three rows
/// of the table a cell depends on (on the stack for names of usual length).
fn osa<T: PartialEq>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    let mut stack = [0usize; 3 * 128];
    let mut heap = Vec::new();
    let rows: &mut [usize] = if 3 * width <= stack.len() {
        &mut stack[..3 * width]
    } else {
        heap.resize(3 * width, 0);
        &mut heap
    };
    for (j, cell) in rows[..width].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (cur, prev, prev2) = (i % 3 * width, (i - 1) % 3 * width, (i + 1) % 3 * width);
        rows[cur] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (rows[prev + j] + 1)
                .min(rows[cur + j - 1] + 1)
                .min(rows[prev + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[prev2 + j - 2] + 1);
            }
            rows[cur + j] = v;
            row_min = row_min.min(v);
        }
        // A cell depends on the two rows above it only, so once two whole rows
        // (column 0 included) are over the bound, the result is too.
        if row_min > max && rows[prev..prev + width].iter().all(|&v| v > max) {
            return None;
        }
    }
    let total = rows[a.len() % 3 * width + b.len()];
    (total <= max).then_some(total)
}

/// The candidate nearest to `word`, if it is near enough to be a likely typo
/// (at most a third of the word's length, and at most 4 edits).
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).clamp(1, 4);
    candidates
        .into_iter()
        .filter_map(|c| bounded_distance(word, c, limit).map(|d| (d, c)))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_near_misses_only() {
        let names = ["jwks_uri", "code_challenge_methods_supported", "issuer"];
        assert_eq!(nearest("jwks_url", names), Some("jwks_uri"));
        assert_eq!(
            nearest("code_challenge_method_supported", names),
            Some("code_challenge_methods_supported")
        );
        assert_eq!(nearest("tenant_region_scope", names), None);
        assert_eq!(bounded_distance("", "abc", 5), Some(3));
        assert_eq!(bounded_distance("ab", "ba", 1), Some(1));
        assert_eq!(bounded_distance("abcdef", "uvwxyz", 2), None);
        assert_eq!(bounded_distance("kitten", "sitting", 3), Some(3));
        assert_eq!(bounded_distance("ca", "abc", 3), Some(3));
        assert_eq!(bounded_distance("héllo", "hlélo", 2), Some(1));
        let long = "a".repeat(200);
        assert_eq!(bounded_distance(&long, &format!("{long}b"), 1), Some(1));
    }
}
