
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'oidc-inspect' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'oidc-inspect'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'oidc-inspect' {
            [CompletionResult]::new('--targets', '--targets', [CompletionResultType]::ParameterName, 'Read TARGETs from FILE, one a line (`#` starts a comment; `-` for stdin)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read a document from FILE instead of fetching it (`-` for stdin; repeatable). `--well-known oauth` also applies to files')
            [CompletionResult]::new('--jwks-file', '--jwks-file', [CompletionResultType]::ParameterName, 'Check the key set in FILE instead of fetching `jwks_uri` (with one TARGET or one `--file`)')
            [CompletionResult]::new('--expect-issuer', '--expect-issuer', [CompletionResultType]::ParameterName, 'The issuer the document must name (overrides what TARGET implies)')
            [CompletionResult]::new('--well-known', '--well-known', [CompletionResultType]::ParameterName, 'Which well-known document an issuer TARGET means: OpenID Connect Discovery (append `/.well-known/openid-configuration`) or RFC 8414 (insert `/.well-known/oauth-authorization-server` before the path)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Add a profile (repeatable): oidc, oauth, dynamic, fapi2, oauth2.1, workload. Default: oidc for OpenID Provider documents, oauth otherwise')
            [CompletionResult]::new('--client', '--client', [CompletionResultType]::ParameterName, 'Check that a KIND of client can work with the issuer (repeatable). Adds the `client-KIND-*` rules; the report says whether each kind is ready and what is missing')
            [CompletionResult]::new('--deny', '--deny', [CompletionResultType]::ParameterName, 'Report RULE (or every rule of a family prefix such as `bcp-`) as an error')
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'Report RULE (or a family prefix) as a warning')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Silence RULE (or a family prefix)')
            [CompletionResult]::new('--baseline', '--baseline', [CompletionResultType]::ParameterName, 'A saved JSON report whose findings are known: they are marked and do not fail the run; only new findings count')
            [CompletionResult]::new('--write-baseline', '--write-baseline', [CompletionResultType]::ParameterName, 'Write this run''s JSON report to FILE, to use as the next `--baseline`')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Check at most N targets at once (1 = one after another)')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Check at most N targets at once (1 = one after another)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings and targets from FILE instead of the `oidc-inspect.toml` or `.oidc-inspect.toml` found in the current directory or its parents')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'table for people, json for scripts (jsonl: one report a line, as each target finishes), lint for CI logs, sarif for code scanning, github for pull-request annotations, junit for test-report views')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Also write the report in FORMAT to PATH (repeatable; e.g. `-o sarif=oidc.sarif`). Each file is written whole or not at all')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Also write the report in FORMAT to PATH (repeatable; e.g. `-o sarif=oidc.sarif`). Each file is written whole or not at all')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Exit 1 when a finding is at or above this severity')
            [CompletionResult]::new('--min-severity', '--min-severity', [CompletionResultType]::ParameterName, 'Leave out findings below SEVERITY, in every format: they are not in the report at all, so its counts and the exit status describe only what is shown (`--min-severity error --fail-on warning` fails on errors only)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (only on a terminal, not with NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Total time for one request, redirects and body included, in seconds')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time to establish a connection, in seconds [default: none; --timeout still bounds the whole request]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Largest body accepted, after decompression')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in FILE (PEM) as roots')
            [CompletionResult]::new('--resolve', '--resolve', [CompletionResultType]::ParameterName, 'Connect to ADDR for HOST:PORT, keeping HOST for TLS and the Host header (repeatable)')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Extra request header (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Extra request header (repeatable)')
            [CompletionResult]::new('--user-agent', '--user-agent', [CompletionResultType]::ParameterName, 'User-Agent header')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request: http://, https://, socks5:// or socks5h:// ('''' for none; otherwise http_proxy, https_proxy / HTTPS_PROXY, all_proxy / ALL_PROXY)')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without a proxy, in place of NO_PROXY: comma-separated domains (names under them too), IP addresses, CIDR ranges, optional :PORT; ''*'' for all')
            [CompletionResult]::new('--max-redirects', '--max-redirects', [CompletionResultType]::ParameterName, 'Follow at most N redirects')
            [CompletionResult]::new('--no-jwks', '--no-jwks', [CompletionResultType]::ParameterName, 'Do not fetch `jwks_uri`: skip the key-set checks')
            [CompletionResult]::new('--probe', '--probe', [CompletionResultType]::ParameterName, 'Also send the requests some rules need: cross-origin (CORS) GETs of the discovery document, `jwks_uri` and the authorization endpoint (whose answer is also checked for anti-framing headers) and, with `--client spa`, the token endpoint')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any config file')
            [CompletionResult]::new('--brief', '--brief', [CompletionResultType]::ParameterName, 'Table and lint: the verdict, errors and warnings only (no notes, no document members, no keys)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing; only the exit status tells')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing; only the exit status tells')
            [CompletionResult]::new('--ca-native', '--ca-native', [CompletionResultType]::ParameterName, 'Trust the system''s certificate store, or the one SSL_CERT_FILE / SSL_CERT_DIR name (the default)')
            [CompletionResult]::new('--no-ca-native', '--no-ca-native', [CompletionResultType]::ParameterName, 'Do not trust the native store: trust only --cacert, or without it the Mozilla roots built into the tool')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (the report says so, loudly)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (the report says so, loudly)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'List the rules: id, default severity, profile, summary')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Explain a rule: what it checks, why, examples, spec references')
            [CompletionResult]::new('manpage', 'manpage', [CompletionResultType]::ParameterValue, 'Print the manual page (roff) generated from these definitions')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of the JSON report')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Show what changed between two snapshots of an issuer (exit 0: none, 1: some)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (see `--help` for where to install it)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oidc-inspect;rules' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Only the rules of PROFILE')
            [CompletionResult]::new('--severity', '--severity', [CompletionResultType]::ParameterName, 'Only rules declared at SEVERITY')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'table for people (honours COLUMNS), json for scripts, markdown for docs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'oidc-inspect;explain' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'text for people, json for scripts')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'oidc-inspect;manpage' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'oidc-inspect;schema' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'oidc-inspect;diff' {
            [CompletionResult]::new('--ignore', '--ignore', [CompletionResultType]::ParameterName, 'Leave out the member at JSON POINTER and below (repeatable), e.g. for values that change on every fetch')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'table (or lint, the same lines) for people, json for scripts, jsonl for the same object on one line')
            [CompletionResult]::new('--well-known', '--well-known', [CompletionResultType]::ParameterName, 'Which well-known document an issuer TARGET means')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Total time for one request, redirects and body included, in seconds')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time to establish a connection, in seconds [default: none; --timeout still bounds the whole request]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Largest body accepted, after decompression')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in FILE (PEM) as roots')
            [CompletionResult]::new('--resolve', '--resolve', [CompletionResultType]::ParameterName, 'Connect to ADDR for HOST:PORT, keeping HOST for TLS and the Host header (repeatable)')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Extra request header (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Extra request header (repeatable)')
            [CompletionResult]::new('--user-agent', '--user-agent', [CompletionResultType]::ParameterName, 'User-Agent header')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy for every request: http://, https://, socks5:// or socks5h:// ('''' for none; otherwise http_proxy, https_proxy / HTTPS_PROXY, all_proxy / ALL_PROXY)')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without a proxy, in place of NO_PROXY: comma-separated domains (names under them too), IP addresses, CIDR ranges, optional :PORT; ''*'' for all')
            [CompletionResult]::new('--max-redirects', '--max-redirects', [CompletionResultType]::ParameterName, 'Follow at most N redirects')
            [CompletionResult]::new('--no-jwks', '--no-jwks', [CompletionResultType]::ParameterName, 'Do not fetch the key sets of fetched sides')
            [CompletionResult]::new('--ca-native', '--ca-native', [CompletionResultType]::ParameterName, 'Trust the system''s certificate store, or the one SSL_CERT_FILE / SSL_CERT_DIR name (the default)')
            [CompletionResult]::new('--no-ca-native', '--no-ca-native', [CompletionResultType]::ParameterName, 'Do not trust the native store: trust only --cacert, or without it the Mozilla roots built into the tool')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (the report says so, loudly)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (the report says so, loudly)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'oidc-inspect;completions' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oidc-inspect;help' {
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'List the rules: id, default severity, profile, summary')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Explain a rule: what it checks, why, examples, spec references')
            [CompletionResult]::new('manpage', 'manpage', [CompletionResultType]::ParameterValue, 'Print the manual page (roff) generated from these definitions')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of the JSON report')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Show what changed between two snapshots of an issuer (exit 0: none, 1: some)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (see `--help` for where to install it)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oidc-inspect;help;rules' {
            break
        }
        'oidc-inspect;help;explain' {
            break
        }
        'oidc-inspect;help;manpage' {
            break
        }
        'oidc-inspect;help;schema' {
            break
        }
        'oidc-inspect;help;diff' {
            break
        }
        'oidc-inspect;help;completions' {
            break
        }
        'oidc-inspect;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
