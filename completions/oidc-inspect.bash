_oidc__inspect() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="oidc__inspect"
                ;;
            oidc__inspect,completions)
                cmd="oidc__inspect__subcmd__completions"
                ;;
            oidc__inspect,diff)
                cmd="oidc__inspect__subcmd__diff"
                ;;
            oidc__inspect,explain)
                cmd="oidc__inspect__subcmd__explain"
                ;;
            oidc__inspect,help)
                cmd="oidc__inspect__subcmd__help"
                ;;
            oidc__inspect,manpage)
                cmd="oidc__inspect__subcmd__manpage"
                ;;
            oidc__inspect,rules)
                cmd="oidc__inspect__subcmd__rules"
                ;;
            oidc__inspect,schema)
                cmd="oidc__inspect__subcmd__schema"
                ;;
            oidc__inspect__subcmd__help,completions)
                cmd="oidc__inspect__subcmd__help__subcmd__completions"
                ;;
            oidc__inspect__subcmd__help,diff)
                cmd="oidc__inspect__subcmd__help__subcmd__diff"
                ;;
            oidc__inspect__subcmd__help,explain)
                cmd="oidc__inspect__subcmd__help__subcmd__explain"
                ;;
            oidc__inspect__subcmd__help,help)
                cmd="oidc__inspect__subcmd__help__subcmd__help"
                ;;
            oidc__inspect__subcmd__help,manpage)
                cmd="oidc__inspect__subcmd__help__subcmd__manpage"
                ;;
            oidc__inspect__subcmd__help,rules)
                cmd="oidc__inspect__subcmd__help__subcmd__rules"
                ;;
            oidc__inspect__subcmd__help,schema)
                cmd="oidc__inspect__subcmd__help__subcmd__schema"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        oidc__inspect)
            opts="-j -o -q -k -H -h -V --targets --file --jwks-file --no-jwks --expect-issuer --well-known --profile --client --probe --deny --warn --allow --baseline --write-baseline --jobs --config --no-config --format --output --fail-on --min-severity --brief --color --quiet --timeout --connect-timeout --max-size --cacert --ca-native --no-ca-native --insecure --resolve --header --user-agent --proxy --noproxy --max-redirects --help --version rules explain manpage schema diff completions help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --targets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --jwks-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --expect-issuer)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --well-known)
                    COMPREPLY=($(compgen -W "oidc oauth" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "oidc oauth dynamic fapi2 oauth2.1 workload" -- "${cur}"))
                    return 0
                    ;;
                --client)
                    COMPREPLY=($(compgen -W "spa native web device service" -- "${cur}"))
                    return 0
                    ;;
                --deny)
                    COMPREPLY=($(compgen -W "doc-not-https doc-tls-cert-invalid doc-tls-below-1.2 doc-tls-unverified doc-http-status doc-redirected doc-redirect-cross-origin doc-content-type doc-not-json-object doc-duplicate-member doc-byte-order-mark doc-empty-array doc-null-member doc-unknown-member doc-cors-missing doc-jwks-cors-missing issuer-missing issuer-not-string issuer-not-https issuer-has-query issuer-has-fragment issuer-has-userinfo issuer-no-host issuer-not-uri issuer-mismatch issuer-mismatch-trailing-slash issuer-path-multiple-tenants type-string-url type-array-of-strings type-boolean type-object type-string array-duplicate-value vocab-misplaced url-invalid url-template-placeholder url-https-required url-https-other url-endpoint-fragment url-endpoint-other-host oidc-authorization-endpoint-missing oidc-token-endpoint-missing oidc-jwks-uri-missing oidc-userinfo-endpoint-missing oidc-registration-endpoint-missing oidc-scopes-supported-missing oidc-scopes-missing-openid oidc-scope-syntax oidc-response-types-missing oidc-response-types-no-flow oidc-subject-types-missing oidc-subject-types-none-valid oidc-id-token-algs-missing oidc-id-token-rs256-missing oidc-id-token-alg-none-front-channel oidc-id-token-alg-symmetric oidc-claims-supported-missing oidc-claim-types-invalid oidc-display-values-unknown oidc-prompt-values-unknown oidc-locales-syntax oidc-locales-casing oidc-request-object-algs-no-rs256 oidc-request-uri-default-true oidc-request-uri-registration-inconsistent oidc-dyn-response-types oidc-dyn-grant-types oidc-dyn-request-uri oidc-dyn-discovery-registration as-authorization-endpoint-missing as-token-endpoint-missing as-jwks-uri-https resp-type-unknown-token resp-type-none-combined resp-modes-unknown resp-modes-default grant-types-default grant-types-unknown grant-resp-inconsistent auth-methods-default auth-introspection-methods-absent auth-methods-unknown auth-signing-algs-required auth-signing-alg-none auth-signing-no-rs256 auth-secret-only auth-none-advertised alg-unknown alg-none-userinfo pkce-methods-absent pkce-s256-missing pkce-plain-advertised pkce-unknown-method pkce-no-code-flow bcp-implicit-response-type bcp-implicit-grant-type bcp-implicit-by-default bcp-password-grant bcp-iss-param-not-advertised bcp-no-sender-constraint bcp-cors-authorization-endpoint bcp-authorization-endpoint-frameable device-grant-mismatch par-required-without-endpoint par-request-uri-note dpop-alg-none dpop-alg-symmetric mtls-alias-unknown-key mtls-alias-not-https mtls-bound-without-mtls-auth jar-required-but-unsupported jar-required-alg-none rar-types-not-array ciba-modes-missing ciba-endpoint-missing ciba-mode-invalid ciba-grant-missing logout-fcl-session-without-fcl logout-bcl-session-without-bcl logout-fcl-without-session logout-bcl-without-session logout-end-session-missing logout-http-logout-nonstandard signed-metadata-not-jws signed-metadata-alg-none signed-metadata-no-iss signed-metadata-nested signed-metadata-differs jwks-fetch-failed jwks-content-type jwks-no-keys jwks-empty jwk-not-object jwk-kty-missing jwk-kty-unknown jwk-private-material jwk-symmetric jwk-rsa-members jwk-ec-members jwk-okp-members jwk-ec-crv-unknown jwk-ec-coord-length jwk-ec-point-invalid jwk-base64url jwk-rsa-not-minimal jwk-rsa-too-small jwk-use-unknown jwk-use-required jwk-use-and-key-ops jwk-use-key-ops-inconsistent jwk-key-ops-duplicate jwk-key-ops-combination jwk-alg-kty-mismatch jwk-alg-unknown jwk-kid-duplicate jwk-kid-missing jwk-x5c-format jwk-x5c-key-mismatch jwk-x5c-without-bare-key jwk-x5t-mismatch jwk-x5c-expired jwk-x5u-not-https jwks-alg-unbacked jwks-unused-key auth0-issuer-trailing-slash auth0-scopes-are-claims fapi2-metadata fapi2-response-type-code fapi2-par-endpoint fapi2-par-not-required fapi2-pkce-s256 fapi2-pkce-plain fapi2-iss-param fapi2-sender-constraint fapi2-client-auth fapi2-client-auth-other fapi2-password-grant fapi2-alg-none fapi2-alg-not-allowed fapi2-key-size fapi2-jwks-duplicate-kid client-spa-code client-spa-pkce client-spa-public client-spa-refresh client-spa-refresh-rotation client-spa-token-cors client-spa-logout client-native-code client-native-pkce client-native-public client-web-code client-web-confidential client-web-shared-secret client-device-endpoint client-device-grant client-service-grant client-service-confidential client-service-shared-secret alg- array- as- auth- auth0- bcp- ciba- client- device- doc- dpop- fapi2- grant- issuer- jar- jwk- jwks- logout- mtls- oidc- par- pkce- rar- resp- signed- type- url- vocab-" -- "${cur}"))
                    return 0
                    ;;
                --warn)
                    COMPREPLY=($(compgen -W "doc-not-https doc-tls-cert-invalid doc-tls-below-1.2 doc-tls-unverified doc-http-status doc-redirected doc-redirect-cross-origin doc-content-type doc-not-json-object doc-duplicate-member doc-byte-order-mark doc-empty-array doc-null-member doc-unknown-member doc-cors-missing doc-jwks-cors-missing issuer-missing issuer-not-string issuer-not-https issuer-has-query issuer-has-fragment issuer-has-userinfo issuer-no-host issuer-not-uri issuer-mismatch issuer-mismatch-trailing-slash issuer-path-multiple-tenants type-string-url type-array-of-strings type-boolean type-object type-string array-duplicate-value vocab-misplaced url-invalid url-template-placeholder url-https-required url-https-other url-endpoint-fragment url-endpoint-other-host oidc-authorization-endpoint-missing oidc-token-endpoint-missing oidc-jwks-uri-missing oidc-userinfo-endpoint-missing oidc-registration-endpoint-missing oidc-scopes-supported-missing oidc-scopes-missing-openid oidc-scope-syntax oidc-response-types-missing oidc-response-types-no-flow oidc-subject-types-missing oidc-subject-types-none-valid oidc-id-token-algs-missing oidc-id-token-rs256-missing oidc-id-token-alg-none-front-channel oidc-id-token-alg-symmetric oidc-claims-supported-missing oidc-claim-types-invalid oidc-display-values-unknown oidc-prompt-values-unknown oidc-locales-syntax oidc-locales-casing oidc-request-object-algs-no-rs256 oidc-request-uri-default-true oidc-request-uri-registration-inconsistent oidc-dyn-response-types oidc-dyn-grant-types oidc-dyn-request-uri oidc-dyn-discovery-registration as-authorization-endpoint-missing as-token-endpoint-missing as-jwks-uri-https resp-type-unknown-token resp-type-none-combined resp-modes-unknown resp-modes-default grant-types-default grant-types-unknown grant-resp-inconsistent auth-methods-default auth-introspection-methods-absent auth-methods-unknown auth-signing-algs-required auth-signing-alg-none auth-signing-no-rs256 auth-secret-only auth-none-advertised alg-unknown alg-none-userinfo pkce-methods-absent pkce-s256-missing pkce-plain-advertised pkce-unknown-method pkce-no-code-flow bcp-implicit-response-type bcp-implicit-grant-type bcp-implicit-by-default bcp-password-grant bcp-iss-param-not-advertised bcp-no-sender-constraint bcp-cors-authorization-endpoint bcp-authorization-endpoint-frameable device-grant-mismatch par-required-without-endpoint par-request-uri-note dpop-alg-none dpop-alg-symmetric mtls-alias-unknown-key mtls-alias-not-https mtls-bound-without-mtls-auth jar-required-but-unsupported jar-required-alg-none rar-types-not-array ciba-modes-missing ciba-endpoint-missing ciba-mode-invalid ciba-grant-missing logout-fcl-session-without-fcl logout-bcl-session-without-bcl logout-fcl-without-session logout-bcl-without-session logout-end-session-missing logout-http-logout-nonstandard signed-metadata-not-jws signed-metadata-alg-none signed-metadata-no-iss signed-metadata-nested signed-metadata-differs jwks-fetch-failed jwks-content-type jwks-no-keys jwks-empty jwk-not-object jwk-kty-missing jwk-kty-unknown jwk-private-material jwk-symmetric jwk-rsa-members jwk-ec-members jwk-okp-members jwk-ec-crv-unknown jwk-ec-coord-length jwk-ec-point-invalid jwk-base64url jwk-rsa-not-minimal jwk-rsa-too-small jwk-use-unknown jwk-use-required jwk-use-and-key-ops jwk-use-key-ops-inconsistent jwk-key-ops-duplicate jwk-key-ops-combination jwk-alg-kty-mismatch jwk-alg-unknown jwk-kid-duplicate jwk-kid-missing jwk-x5c-format jwk-x5c-key-mismatch jwk-x5c-without-bare-key jwk-x5t-mismatch jwk-x5c-expired jwk-x5u-not-https jwks-alg-unbacked jwks-unused-key auth0-issuer-trailing-slash auth0-scopes-are-claims fapi2-metadata fapi2-response-type-code fapi2-par-endpoint fapi2-par-not-required fapi2-pkce-s256 fapi2-pkce-plain fapi2-iss-param fapi2-sender-constraint fapi2-client-auth fapi2-client-auth-other fapi2-password-grant fapi2-alg-none fapi2-alg-not-allowed fapi2-key-size fapi2-jwks-duplicate-kid client-spa-code client-spa-pkce client-spa-public client-spa-refresh client-spa-refresh-rotation client-spa-token-cors client-spa-logout client-native-code client-native-pkce client-native-public client-web-code client-web-confidential client-web-shared-secret client-device-endpoint client-device-grant client-service-grant client-service-confidential client-service-shared-secret alg- array- as- auth- auth0- bcp- ciba- client- device- doc- dpop- fapi2- grant- issuer- jar- jwk- jwks- logout- mtls- oidc- par- pkce- rar- resp- signed- type- url- vocab-" -- "${cur}"))
                    return 0
                    ;;
                --allow)
                    COMPREPLY=($(compgen -W "doc-not-https doc-tls-cert-invalid doc-tls-below-1.2 doc-tls-unverified doc-http-status doc-redirected doc-redirect-cross-origin doc-content-type doc-not-json-object doc-duplicate-member doc-byte-order-mark doc-empty-array doc-null-member doc-unknown-member doc-cors-missing doc-jwks-cors-missing issuer-missing issuer-not-string issuer-not-https issuer-has-query issuer-has-fragment issuer-has-userinfo issuer-no-host issuer-not-uri issuer-mismatch issuer-mismatch-trailing-slash issuer-path-multiple-tenants type-string-url type-array-of-strings type-boolean type-object type-string array-duplicate-value vocab-misplaced url-invalid url-template-placeholder url-https-required url-https-other url-endpoint-fragment url-endpoint-other-host oidc-authorization-endpoint-missing oidc-token-endpoint-missing oidc-jwks-uri-missing oidc-userinfo-endpoint-missing oidc-registration-endpoint-missing oidc-scopes-supported-missing oidc-scopes-missing-openid oidc-scope-syntax oidc-response-types-missing oidc-response-types-no-flow oidc-subject-types-missing oidc-subject-types-none-valid oidc-id-token-algs-missing oidc-id-token-rs256-missing oidc-id-token-alg-none-front-channel oidc-id-token-alg-symmetric oidc-claims-supported-missing oidc-claim-types-invalid oidc-display-values-unknown oidc-prompt-values-unknown oidc-locales-syntax oidc-locales-casing oidc-request-object-algs-no-rs256 oidc-request-uri-default-true oidc-request-uri-registration-inconsistent oidc-dyn-response-types oidc-dyn-grant-types oidc-dyn-request-uri oidc-dyn-discovery-registration as-authorization-endpoint-missing as-token-endpoint-missing as-jwks-uri-https resp-type-unknown-token resp-type-none-combined resp-modes-unknown resp-modes-default grant-types-default grant-types-unknown grant-resp-inconsistent auth-methods-default auth-introspection-methods-absent auth-methods-unknown auth-signing-algs-required auth-signing-alg-none auth-signing-no-rs256 auth-secret-only auth-none-advertised alg-unknown alg-none-userinfo pkce-methods-absent pkce-s256-missing pkce-plain-advertised pkce-unknown-method pkce-no-code-flow bcp-implicit-response-type bcp-implicit-grant-type bcp-implicit-by-default bcp-password-grant bcp-iss-param-not-advertised bcp-no-sender-constraint bcp-cors-authorization-endpoint bcp-authorization-endpoint-frameable device-grant-mismatch par-required-without-endpoint par-request-uri-note dpop-alg-none dpop-alg-symmetric mtls-alias-unknown-key mtls-alias-not-https mtls-bound-without-mtls-auth jar-required-but-unsupported jar-required-alg-none rar-types-not-array ciba-modes-missing ciba-endpoint-missing ciba-mode-invalid ciba-grant-missing logout-fcl-session-without-fcl logout-bcl-session-without-bcl logout-fcl-without-session logout-bcl-without-session logout-end-session-missing logout-http-logout-nonstandard signed-metadata-not-jws signed-metadata-alg-none signed-metadata-no-iss signed-metadata-nested signed-metadata-differs jwks-fetch-failed jwks-content-type jwks-no-keys jwks-empty jwk-not-object jwk-kty-missing jwk-kty-unknown jwk-private-material jwk-symmetric jwk-rsa-members jwk-ec-members jwk-okp-members jwk-ec-crv-unknown jwk-ec-coord-length jwk-ec-point-invalid jwk-base64url jwk-rsa-not-minimal jwk-rsa-too-small jwk-use-unknown jwk-use-required jwk-use-and-key-ops jwk-use-key-ops-inconsistent jwk-key-ops-duplicate jwk-key-ops-combination jwk-alg-kty-mismatch jwk-alg-unknown jwk-kid-duplicate jwk-kid-missing jwk-x5c-format jwk-x5c-key-mismatch jwk-x5c-without-bare-key jwk-x5t-mismatch jwk-x5c-expired jwk-x5u-not-https jwks-alg-unbacked jwks-unused-key auth0-issuer-trailing-slash auth0-scopes-are-claims fapi2-metadata fapi2-response-type-code fapi2-par-endpoint fapi2-par-not-required fapi2-pkce-s256 fapi2-pkce-plain fapi2-iss-param fapi2-sender-constraint fapi2-client-auth fapi2-client-auth-other fapi2-password-grant fapi2-alg-none fapi2-alg-not-allowed fapi2-key-size fapi2-jwks-duplicate-kid client-spa-code client-spa-pkce client-spa-public client-spa-refresh client-spa-refresh-rotation client-spa-token-cors client-spa-logout client-native-code client-native-pkce client-native-public client-web-code client-web-confidential client-web-shared-secret client-device-endpoint client-device-grant client-service-grant client-service-confidential client-service-shared-secret alg- array- as- auth- auth0- bcp- ciba- client- device- doc- dpop- fapi2- grant- issuer- jar- jwk- jwks- logout- mtls- oidc- par- pkce- rar- resp- signed- type- url- vocab-" -- "${cur}"))
                    return 0
                    ;;
                --baseline)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --write-baseline)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --jobs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -j)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "table json jsonl lint sarif github junit" -- "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fail-on)
                    COMPREPLY=($(compgen -W "error warning info never" -- "${cur}"))
                    return 0
                    ;;
                --min-severity)
                    COMPREPLY=($(compgen -W "info warning error" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --connect-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --resolve)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --header)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -H)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user-agent)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --noproxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-redirects)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        oidc__subcmd__inspect__subcmd__completions)
            opts="-h --help bash elvish fish powershell zsh"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        oidc__subcmd__inspect__subcmd__diff)
            opts="-k -H -h --ignore --format --well-known --no-jwks --timeout --connect-timeout --max-size --cacert --ca-native --no-ca-native --insecure --resolve --header --user-agent --proxy --noproxy --max-redirects --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --ignore)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "table lint json jsonl" -- "${cur}"))
                    return 0
                    ;;
                --well-known)
                    COMPREPLY=($(compgen -W "oidc oauth" -- "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --connect-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --resolve)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --header)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -H)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user-agent)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --noproxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-redirects)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        oidc__subcmd__inspect__subcmd__explain)
            opts="-h --format --help doc-not-https doc-tls-cert-invalid doc-tls-below-1.2 doc-tls-unverified doc-http-status doc-redirected doc-redirect-cross-origin doc-content-type doc-not-json-object doc-duplicate-member doc-byte-order-mark doc-empty-array doc-null-member doc-unknown-member doc-cors-missing doc-jwks-cors-missing issuer-missing issuer-not-string issuer-not-https issuer-has-query issuer-has-fragment issuer-has-userinfo issuer-no-host issuer-not-uri issuer-mismatch issuer-mismatch-trailing-slash issuer-path-multiple-tenants type-string-url type-array-of-strings type-boolean type-object type-string array-duplicate-value vocab-misplaced url-invalid url-template-placeholder url-https-required url-https-other url-endpoint-fragment url-endpoint-other-host oidc-authorization-endpoint-missing oidc-token-endpoint-missing oidc-jwks-uri-missing oidc-userinfo-endpoint-missing oidc-registration-endpoint-missing oidc-scopes-supported-missing oidc-scopes-missing-openid oidc-scope-syntax oidc-response-types-missing oidc-response-types-no-flow oidc-subject-types-missing oidc-subject-types-none-valid oidc-id-token-algs-missing oidc-id-token-rs256-missing oidc-id-token-alg-none-front-channel oidc-id-token-alg-symmetric oidc-claims-supported-missing oidc-claim-types-invalid oidc-display-values-unknown oidc-prompt-values-unknown oidc-locales-syntax oidc-locales-casing oidc-request-object-algs-no-rs256 oidc-request-uri-default-true oidc-request-uri-registration-inconsistent oidc-dyn-response-types oidc-dyn-grant-types oidc-dyn-request-uri oidc-dyn-discovery-registration as-authorization-endpoint-missing as-token-endpoint-missing as-jwks-uri-https resp-type-unknown-token resp-type-none-combined resp-modes-unknown resp-modes-default grant-types-default grant-types-unknown grant-resp-inconsistent auth-methods-default auth-introspection-methods-absent auth-methods-unknown auth-signing-algs-required auth-signing-alg-none auth-signing-no-rs256 auth-secret-only auth-none-advertised alg-unknown alg-none-userinfo pkce-methods-absent pkce-s256-missing pkce-plain-advertised pkce-unknown-method pkce-no-code-flow bcp-implicit-response-type bcp-implicit-grant-type bcp-implicit-by-default bcp-password-grant bcp-iss-param-not-advertised bcp-no-sender-constraint bcp-cors-authorization-endpoint bcp-authorization-endpoint-frameable device-grant-mismatch par-required-without-endpoint par-request-uri-note dpop-alg-none dpop-alg-symmetric mtls-alias-unknown-key mtls-alias-not-https mtls-bound-without-mtls-auth jar-required-but-unsupported jar-required-alg-none rar-types-not-array ciba-modes-missing ciba-endpoint-missing ciba-mode-invalid ciba-grant-missing logout-fcl-session-without-fcl logout-bcl-session-without-bcl logout-fcl-without-session logout-bcl-without-session logout-end-session-missing logout-http-logout-nonstandard signed-metadata-not-jws signed-metadata-alg-none signed-metadata-no-iss signed-metadata-nested signed-metadata-differs jwks-fetch-failed jwks-content-type jwks-no-keys jwks-empty jwk-not-object jwk-kty-missing jwk-kty-unknown jwk-private-material jwk-symmetric jwk-rsa-members jwk-ec-members jwk-okp-members jwk-ec-crv-unknown jwk-ec-coord-length jwk-ec-point-invalid jwk-base64url jwk-rsa-not-minimal jwk-rsa-too-small jwk-use-unknown jwk-use-required jwk-use-and-key-ops jwk-use-key-ops-inconsistent jwk-key-ops-duplicate jwk-key-ops-combination jwk-alg-kty-mismatch jwk-alg-unknown jwk-kid-duplicate jwk-kid-missing jwk-x5c-format jwk-x5c-key-mismatch jwk-x5c-without-bare-key jwk-x5t-mismatch jwk-x5c-expired jwk-x5u-not-https jwks-alg-unbacked jwks-unused-key auth0-issuer-trailing-slash auth0-scopes-are-claims fapi2-metadata fapi2-response-type-code fapi2-par-endpoint fapi2-par-not-required fapi2-pkce-s256 fapi2-pkce-plain fapi2-iss-param fapi2-sender-constraint fapi2-client-auth fapi2-client-auth-other fapi2-password-grant fapi2-alg-none fapi2-alg-not-allowed fapi2-key-size fapi2-jwks-duplicate-kid client-spa-code client-spa-pkce client-spa-public client-spa-refresh client-spa-refresh-rotation client-spa-token-cors client-spa-logout client-native-code client-native-pkce client-native-public client-web-code client-web-confidential client-web-shared-secret client-device-endpoint client-device-grant client-service-grant client-service-confidential client-service-shared-secret alg- array- as- auth- auth0- bcp- ciba- client- device- doc- dpop- fapi2- grant- issuer- jar- jwk- jwks- logout- mtls- oidc- par- pkce- rar- resp- signed- type- url- vocab-"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "text json" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        oidc__subcmd__inspect__subcmd__help)
            opts="rules explain manpage schema diff completions help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        oidc__subcmd__inspect__subcmd__help__subcmd__completions)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        oidc__subcmd__inspect__subcmd__help__subcmd__diff)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        oidc__subcmd__inspect__subcmd__help__subcmd__explain)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        oidc__subcmd__inspect__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        oidc__subcmd__inspect__subcmd__help__subcmd__manpage)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        oidc__subcmd__inspect__subcmd__help__subcmd__rules)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        oidc__subcmd__inspect__subcmd__help__subcmd__schema)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        oidc__subcmd__inspect__subcmd__manpage)
            opts="-h --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        oidc__subcmd__inspect__subcmd__rules)
            opts="-h --profile --severity --format --help doc-not-https doc-tls-cert-invalid doc-tls-below-1.2 doc-tls-unverified doc-http-status doc-redirected doc-redirect-cross-origin doc-content-type doc-not-json-object doc-duplicate-member doc-byte-order-mark doc-empty-array doc-null-member doc-unknown-member doc-cors-missing doc-jwks-cors-missing issuer-missing issuer-not-string issuer-not-https issuer-has-query issuer-has-fragment issuer-has-userinfo issuer-no-host issuer-not-uri issuer-mismatch issuer-mismatch-trailing-slash issuer-path-multiple-tenants type-string-url type-array-of-strings type-boolean type-object type-string array-duplicate-value vocab-misplaced url-invalid url-template-placeholder url-https-required url-https-other url-endpoint-fragment url-endpoint-other-host oidc-authorization-endpoint-missing oidc-token-endpoint-missing oidc-jwks-uri-missing oidc-userinfo-endpoint-missing oidc-registration-endpoint-missing oidc-scopes-supported-missing oidc-scopes-missing-openid oidc-scope-syntax oidc-response-types-missing oidc-response-types-no-flow oidc-subject-types-missing oidc-subject-types-none-valid oidc-id-token-algs-missing oidc-id-token-rs256-missing oidc-id-token-alg-none-front-channel oidc-id-token-alg-symmetric oidc-claims-supported-missing oidc-claim-types-invalid oidc-display-values-unknown oidc-prompt-values-unknown oidc-locales-syntax oidc-locales-casing oidc-request-object-algs-no-rs256 oidc-request-uri-default-true oidc-request-uri-registration-inconsistent oidc-dyn-response-types oidc-dyn-grant-types oidc-dyn-request-uri oidc-dyn-discovery-registration as-authorization-endpoint-missing as-token-endpoint-missing as-jwks-uri-https resp-type-unknown-token resp-type-none-combined resp-modes-unknown resp-modes-default grant-types-default grant-types-unknown grant-resp-inconsistent auth-methods-default auth-introspection-methods-absent auth-methods-unknown auth-signing-algs-required auth-signing-alg-none auth-signing-no-rs256 auth-secret-only auth-none-advertised alg-unknown alg-none-userinfo pkce-methods-absent pkce-s256-missing pkce-plain-advertised pkce-unknown-method pkce-no-code-flow bcp-implicit-response-type bcp-implicit-grant-type bcp-implicit-by-default bcp-password-grant bcp-iss-param-not-advertised bcp-no-sender-constraint bcp-cors-authorization-endpoint bcp-authorization-endpoint-frameable device-grant-mismatch par-required-without-endpoint par-request-uri-note dpop-alg-none dpop-alg-symmetric mtls-alias-unknown-key mtls-alias-not-https mtls-bound-without-mtls-auth jar-required-but-unsupported jar-required-alg-none rar-types-not-array ciba-modes-missing ciba-endpoint-missing ciba-mode-invalid ciba-grant-missing logout-fcl-session-without-fcl logout-bcl-session-without-bcl logout-fcl-without-session logout-bcl-without-session logout-end-session-missing logout-http-logout-nonstandard signed-metadata-not-jws signed-metadata-alg-none signed-metadata-no-iss signed-metadata-nested signed-metadata-differs jwks-fetch-failed jwks-content-type jwks-no-keys jwks-empty jwk-not-object jwk-kty-missing jwk-kty-unknown jwk-private-material jwk-symmetric jwk-rsa-members jwk-ec-members jwk-okp-members jwk-ec-crv-unknown jwk-ec-coord-length jwk-ec-point-invalid jwk-base64url jwk-rsa-not-minimal jwk-rsa-too-small jwk-use-unknown jwk-use-required jwk-use-and-key-ops jwk-use-key-ops-inconsistent jwk-key-ops-duplicate jwk-key-ops-combination jwk-alg-kty-mismatch jwk-alg-unknown jwk-kid-duplicate jwk-kid-missing jwk-x5c-format jwk-x5c-key-mismatch jwk-x5c-without-bare-key jwk-x5t-mismatch jwk-x5c-expired jwk-x5u-not-https jwks-alg-unbacked jwks-unused-key auth0-issuer-trailing-slash auth0-scopes-are-claims fapi2-metadata fapi2-response-type-code fapi2-par-endpoint fapi2-par-not-required fapi2-pkce-s256 fapi2-pkce-plain fapi2-iss-param fapi2-sender-constraint fapi2-client-auth fapi2-client-auth-other fapi2-password-grant fapi2-alg-none fapi2-alg-not-allowed fapi2-key-size fapi2-jwks-duplicate-kid client-spa-code client-spa-pkce client-spa-public client-spa-refresh client-spa-refresh-rotation client-spa-token-cors client-spa-logout client-native-code client-native-pkce client-native-public client-web-code client-web-confidential client-web-shared-secret client-device-endpoint client-device-grant client-service-grant client-service-confidential client-service-shared-secret alg- array- as- auth- auth0- bcp- ciba- client- device- doc- dpop- fapi2- grant- issuer- jar- jwk- jwks- logout- mtls- oidc- par- pkce- rar- resp- signed- type- url- vocab-"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --profile)
                    COMPREPLY=($(compgen -W "oidc oauth dynamic fapi2 oauth2.1 workload" -- "${cur}"))
                    return 0
                    ;;
                --severity)
                    COMPREPLY=($(compgen -W "error warning info" -- "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "table json markdown" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        oidc__subcmd__inspect__subcmd__schema)
            opts="-h --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _oidc__inspect -o nosort -o bashdefault -o default oidc-inspect
else
    complete -F _oidc__inspect -o bashdefault -o default oidc-inspect
fi
