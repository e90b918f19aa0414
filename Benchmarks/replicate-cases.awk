# Prints the cases of the given YAML case files with ids suffixed "-r<r>", at most `limit` of them.
# Host names get the same suffix, so every replica renders a distinct prompt (no cache hits between them).
# Every case must start with "- id:" at column 0 (as the bundled files do).
/^- id:/ {
    n++
    if (n > limit) exit
    sub(/^- id: */, "")
    print "- id: " $0 "-r" r
    next
}
n >= 1 && /entity: *\{type: host, name: / { sub(/name: [^,}]*/, "&-r" r) }
n >= 1 { print }
