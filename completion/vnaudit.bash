# bash completion for vnaudit (installed as share/bash-completion/completions/vnaudit)
_vnaudit()
{
    local cur prev words cword
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    local commands="extract check text"
    local options="--format --verbose --lang --color --no-color --csv-bom --vocab --max-input-bytes --threads --encoding
                   --select --extend-select --ignore --severity --fail-on --config --no-config --baseline
                   --write-baseline --show-suppressed --help --version"
    local command="" w
    for w in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
        case $w in extract | check | text) command=$w; break ;; esac
    done

    case $prev in
        -f | --format)
            case $command in
                extract) COMPREPLY=($(compgen -W "jsonl csv text" -- "$cur")) ;;
                *) COMPREPLY=($(compgen -W "text jsonl sarif html csv" -- "$cur")) ;;
            esac
            return ;;
        --lang) COMPREPLY=($(compgen -W "en vi" -- "$cur")); return ;;
        --encoding) COMPREPLY=($(compgen -W "auto utf-8 tcvn3 vni viscii cp1258" -- "$cur")); return ;;
        --fail-on) COMPREPLY=($(compgen -W "error warning note never" -- "$cur")); return ;;
        --select | --extend-select | --ignore)
            COMPREPLY=($(compgen -W "all default checks diagnostics nd30" -- "$cur")); return ;;
        --config | --baseline | --write-baseline) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --severity) return ;;
        --vocab) COMPREPLY=($(compgen -d -- "$cur")); return ;;
        --threads) COMPREPLY=($(compgen -W "1 2" -- "$cur")); return ;;
        --max-input-bytes) return ;;
    esac
    case $cur in
        --color=*) COMPREPLY=($(compgen -W "auto always never" -- "${cur#--color=}")); return ;;
        -*) COMPREPLY=($(compgen -W "$options" -- "$cur")); return ;;
    esac
    if [ -z "$command" ]; then
        COMPREPLY=($(compgen -W "$commands" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -o filenames -F _vnaudit vnaudit
