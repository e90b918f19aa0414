# Prints the cases of the given YAML case files with ids suffixed "-r<r>", at most `limit` of them.
# Host names get the same suffix, so every replica renders a distinct prompt (no cache hits between them).
# Every case must start with "- id:" at column 0 (as the bundled files do).
# Unless `documents` is 1, a case's `documents_file:` and `index:` are left out (a template prompt does not read
# them, but every report would carry them for every replica), and a case with no `entity:` (one that only
# documents describe) is skipped.
function flush() {
    if (buffer != "" && (documents == 1 || has_entity) && n < limit) {
        printf "%s", buffer
        n++
    }
    buffer = ""
    has_entity = 0
}
/^- id:/ {
    flush()
    if (n >= limit) exit
    started = 1
    sub(/^- id: */, "")
    buffer = "- id: " $0 "-r" r "\n"
    next
}
!started { next }
documents != 1 && /^  (documents_file|index):/ { next }
/^  entity:/ { has_entity = 1 }
/entity: *\{type: host, name: / { sub(/name: [^,}]*/, "&-r" r) }
{ buffer = buffer $0 "\n" }
END { flush() }
