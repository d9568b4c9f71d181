# bash completion for vnaudit (installed as share/bash-completion/completions/vnaudit)
_vnaudit()
{
    local cur prev words cword
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    local commands="extract check text ingest export crosscheck report"
    local options="--format --verbose --lang --color --no-color --csv-bom --vocab --max-input-bytes --threads --encoding --ocr
                   --select --extend-select --ignore --severity --fail-on --config --no-config --baseline
                   --write-baseline --show-suppressed --jobs --help --version"
    local archive_options="--db --jobs --files-from --quiet --verbose --format --type --verdict --vocab
                           --max-input-bytes --html --help"
    local command="" w
    for w in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
        case $w in extract | check | text | ingest | export | crosscheck | report) command=$w; break ;; esac
    done

    case $prev in
        -f | --format)
            case $command in
                extract) COMPREPLY=($(compgen -W "jsonl csv text" -- "$cur")) ;;
                export) COMPREPLY=($(compgen -W "jsonl csv" -- "$cur")) ;;
                *) COMPREPLY=($(compgen -W "text jsonl sarif html csv" -- "$cur")) ;;
            esac
            return ;;
        --lang) COMPREPLY=($(compgen -W "en vi" -- "$cur")); return ;;
        --encoding) COMPREPLY=($(compgen -W "auto utf-8 tcvn3 vni viscii cp1258" -- "$cur")); return ;;
        --ocr) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
        --fail-on) COMPREPLY=($(compgen -W "error warning note never" -- "$cur")); return ;;
        --select | --extend-select | --ignore)
            COMPREPLY=($(compgen -W "all default checks diagnostics nd30" -- "$cur")); return ;;
        --config | --baseline | --write-baseline) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --severity) return ;;
        --vocab) COMPREPLY=($(compgen -d -- "$cur")); return ;;
        --threads) COMPREPLY=($(compgen -W "1 2" -- "$cur")); return ;;
        --db | --files-from) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --html) COMPREPLY=($(compgen -d -- "$cur")); return ;;
        --verdict) COMPREPLY=($(compgen -W "consistent inconsistent partial ambiguous" -- "$cur")); return ;;
        --type) COMPREPLY=($(compgen -W "amount percent quantity reference date check diagnostic" -- "$cur")); return ;;
        -j | --jobs | --max-input-bytes) return ;;
    esac
    case $cur in
        --color=*) COMPREPLY=($(compgen -W "auto always never" -- "${cur#--color=}")); return ;;
        -*)
            case $command in
                ingest | export | crosscheck | report) COMPREPLY=($(compgen -W "$archive_options" -- "$cur")) ;;
                *) COMPREPLY=($(compgen -W "$options" -- "$cur")) ;;
            esac
            return ;;
    esac
    if [ -z "$command" ]; then
        COMPREPLY=($(compgen -W "$commands" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -o filenames -F _vnaudit vnaudit
