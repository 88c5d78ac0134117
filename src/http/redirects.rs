//! Redirects, followed by hand so that each hop is recorded and checked: the
//! `Location` must be a fetchable URL, https→http is refused, credentials set
//! with `-H` do not cross to another origin, and `--max-redirects` bounds the
//! chain. The whole chain shares one `--timeout` budget.

use std::time::{Duration, Instant};

use url::Url;

use super::body::read_body;
use super::client::Client;
use super::errors::host_label;
use super::proxy;
use super::{Exchange, FetchError, FetchErrorKind, Fetched, Hop, TlsFailure};

impl Client {
    /// GET `url` with `headers`, following redirects, and read the final body.
    pub(super) fn follow(
        &self,
        url: &str,
        mut headers: Vec<(String, String)>,
    ) -> Result<Fetched, FetchError> {
        let start = Instant::now();
        let deadline = start.checked_add(self.timeout);
        let mut redirects: Vec<Hop> = Vec::new();
        let fail = |kind, url: &str, message: String, redirects: &Vec<Hop>| FetchError {
            kind,
            url: url.to_string(),
            message,
            tls: None,
            redirects: redirects.clone(),
        };

        let mut current = Url::parse(url).map_err(|e| {
            fail(
                FetchErrorKind::BadUrl,
                url,
                format!("{url:?} is not a valid URL ({e})"),
                &redirects,
            )
        })?;
        check_fetchable(&current).map_err(|m| fail(FetchErrorKind::BadUrl, url, m, &redirects))?;

        loop {
            let here = current.as_str().to_string();
            let host = host_label(&current);
            let remaining = match deadline {
                Some(d) => d.saturating_duration_since(Instant::now()),
                None => Duration::MAX,
            };
            if remaining.is_zero() {
                return Err(fail(
                    FetchErrorKind::Timeout,
                    &here,
                    self.timeout_message(&host),
                    &redirects,
                ));
            }

            let (mut resp, sniffed) =
                self.send(&current, &headers, deadline, remaining)
                    .map_err(|e| {
                        let tls = TlsFailure::of(&e);
                        let (kind, message) = self.describe(e, &current);
                        FetchError {
                            tls,
                            ..fail(kind, &here, message, &redirects)
                        }
                    })?;
            let status = resp.status().as_u16();
            // Only the proxy answers 407: a forwarded request it would not carry.
            if status == 407
                && let Some(proxy) = self.proxies.forwarder(&current)
            {
                return Err(fail(
                    FetchErrorKind::Proxy,
                    &here,
                    format!(
                        "{} refused to forward the request to {host} (it answered HTTP 407: \
                         proxy authentication required)",
                        proxy::label(proxy)
                    ),
                    &redirects,
                ));
            }

            if matches!(status, 301 | 302 | 303 | 307 | 308)
                && let Some(raw) = resp.headers().get("location").cloned()
            {
                let location = String::from_utf8_lossy(raw.as_bytes()).into_owned();
                // Drain a small redirect body so the connection can be reused; a
                // large or slow one is dropped with its connection.
                let _ = read_body(resp.body_mut().as_reader(), 64 * 1024, deadline);
                redirects.push(Hop {
                    url: here.clone(),
                    status,
                    location: location.clone(),
                });
                if redirects.len() as u64 > u64::from(self.max_redirects) {
                    return Err(fail(
                        FetchErrorKind::TooManyRedirects,
                        &here,
                        format!(
                            "more than {} redirect{} (--max-redirects); last Location: {location}",
                            self.max_redirects,
                            if self.max_redirects == 1 { "" } else { "s" }
                        ),
                        &redirects,
                    ));
                }
                let next = next_hop(&current, raw.as_bytes(), &location)
                    .map_err(|(kind, m)| fail(kind, &here, m, &redirects))?;
                if next.origin() != current.origin() {
                    headers.retain(|(name, _)| {
                        !name.eq_ignore_ascii_case("authorization")
                            && !name.eq_ignore_ascii_case("cookie")
                    });
                }
                current = next;
                continue;
            }

            let answer = self
                .answer(resp, sniffed, &current, deadline)
                .map_err(|(kind, m)| fail(kind, &here, m, &redirects))?;
            let tls_verified = (current.scheme() == "https").then_some(!self.insecure);
            let exchange = Exchange {
                url: url.to_string(),
                final_url: here,
                status,
                content_type: answer.content_type,
                content_encoding: answer.content_encoding,
                access_control_allow_origin: answer.access_control_allow_origin,
                x_frame_options: answer.x_frame_options,
                content_security_policy: answer.content_security_policy,
                elapsed_ms: u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX),
                redirects,
                tls_verified,
                body_bytes: answer.body.len() as u64,
                trust: tls_verified.map(|_| self.trust()),
            };
            return Ok(Fetched {
                exchange,
                body: answer.body,
            });
        }
    }
}

/// Where a redirect from `current` with `Location: raw` (shown as `location`)
/// leads, when that may be followed.
pub(super) fn next_hop(
    current: &Url,
    raw: &[u8],
    location: &str,
) -> Result<Url, (FetchErrorKind, String)> {
    let host = host_label(current);
    let next = match std::str::from_utf8(raw)
        .ok()
        .map(|l| current.join(l.trim()))
    {
        Some(Ok(next)) => next,
        Some(Err(e)) => {
            return Err((
                FetchErrorKind::BadRedirect,
                format!("{host} redirected to {location:?}, which is not a URL ({e})"),
            ));
        }
        None => {
            return Err((
                FetchErrorKind::BadRedirect,
                format!("{host} sent a Location header that is not text"),
            ));
        }
    };
    if let Err(m) = check_fetchable(&next) {
        return Err((
            FetchErrorKind::BadRedirect,
            format!("{host} redirected to {location:?}: {m}"),
        ));
    }
    if current.scheme() == "https" && next.scheme() == "http" {
        return Err((
            FetchErrorKind::InsecureRedirect,
            format!("refused redirect from https to plain http: {next}"),
        ));
    }
    Ok(next)
}

fn check_fetchable(url: &Url) -> Result<(), String> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("scheme {:?} is not http or https", url.scheme()));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("the URL has no host".into());
    }
    Ok(())
}
