
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
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the document from FILE instead of fetching it (`-` for stdin)')
            [CompletionResult]::new('--jwks-file', '--jwks-file', [CompletionResultType]::ParameterName, 'Check the key set in FILE instead of fetching `jwks_uri` (also with `--file`)')
            [CompletionResult]::new('--expect-issuer', '--expect-issuer', [CompletionResultType]::ParameterName, 'The issuer the document must name (overrides what TARGET implies)')
            [CompletionResult]::new('--well-known', '--well-known', [CompletionResultType]::ParameterName, 'Which well-known document an issuer TARGET means: OpenID Connect Discovery (append `/.well-known/openid-configuration`) or RFC 8414 (insert `/.well-known/oauth-authorization-server` before the path)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Add a profile (repeatable): oidc, oauth, dynamic, fapi2, oauth2.1, workload. Default: oidc for OpenID Provider documents, oauth otherwise')
            [CompletionResult]::new('--deny', '--deny', [CompletionResultType]::ParameterName, 'Report RULE (or every rule of a family prefix such as `bcp-`) as an error')
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'Report RULE (or a family prefix) as a warning')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Silence RULE (or a family prefix)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'table for people, json for scripts, lint for CI')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Exit 1 when a finding is at or above this severity')
            [CompletionResult]::new('--min-severity', '--min-severity', [CompletionResultType]::ParameterName, 'Leave out findings below SEVERITY, in every format: they are not in the report at all, so its counts and the exit status describe only what is shown (`--min-severity error --fail-on warning` fails on errors only)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto (only on a terminal, not with NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Total time for one request, redirects and body included, in seconds')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Time to establish a connection, in seconds')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Largest body accepted, after decompression')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in FILE (PEM) as roots')
            [CompletionResult]::new('--resolve', '--resolve', [CompletionResultType]::ParameterName, 'Connect to ADDR for HOST:PORT, keeping HOST for TLS and the Host header (repeatable)')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Extra request header (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Extra request header (repeatable)')
            [CompletionResult]::new('--user-agent', '--user-agent', [CompletionResultType]::ParameterName, 'User-Agent header')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Proxy URL (otherwise HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment)')
            [CompletionResult]::new('--max-redirects', '--max-redirects', [CompletionResultType]::ParameterName, 'Follow at most N redirects')
            [CompletionResult]::new('--no-jwks', '--no-jwks', [CompletionResultType]::ParameterName, 'Do not fetch `jwks_uri`: skip the key-set checks')
            [CompletionResult]::new('--probe', '--probe', [CompletionResultType]::ParameterName, 'Also send the requests some rules need: cross-origin (CORS) GETs of the discovery document, `jwks_uri` and the authorization endpoint')
            [CompletionResult]::new('--brief', '--brief', [CompletionResultType]::ParameterName, 'Table and lint: the verdict, errors and warnings only (no notes, no document members, no keys)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing; only the exit status tells')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing; only the exit status tells')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (the report says so, loudly)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (the report says so, loudly)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'List every rule: id, default severity, profile, summary')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Explain one rule: what it checks, why, examples, spec references')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oidc-inspect;rules' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'oidc-inspect;explain' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'oidc-inspect;completions' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'oidc-inspect;help' {
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'List every rule: id, default severity, profile, summary')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Explain one rule: what it checks, why, examples, spec references')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oidc-inspect;help;rules' {
            break
        }
        'oidc-inspect;help;explain' {
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
