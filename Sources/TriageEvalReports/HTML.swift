/// A small HTML builder: tag and attribute names come only from string literals (`StaticString`), every
/// text and attribute value goes through ``HTMLText/escape(_:)``. Data cannot open or close markup.
struct HTML {
    private(set) var output = ""

    init() {}

    /// Opens `<tag a="v"…>`.
    mutating func open(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:]) {
        output += "<\(tag)"
        for (name, value) in attributes {
            output += " \(name)=\"\(HTMLText.escape(value))\""
        }
        output += ">"
    }

    /// Closes `</tag>`.
    mutating func close(_ tag: StaticString) {
        output += "</\(tag)>"
    }

    /// Escaped text.
    mutating func text(_ text: String) {
        output += HTMLText.escape(text)
    }

    /// `<tag …>text</tag>` with the text escaped.
    mutating func element(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:], _ text: String) {
        open(tag, attributes)
        self.text(text)
        close(tag)
    }

    /// `<tag>text</tag>` with the text escaped.
    mutating func element(_ tag: StaticString, _ text: String) {
        element(tag, [:], text)
    }

    /// `<tag …>…</tag>` with content written by `body`.
    mutating func element(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:], body: (inout HTML) -> Void) {
        open(tag, attributes)
        body(&self)
        close(tag)
    }

    /// A self-closing element (SVG shapes): `<tag …/>`.
    mutating func empty(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String>) {
        output += "<\(tag)"
        for (name, value) in attributes {
            output += " \(name)=\"\(HTMLText.escape(value))\""
        }
        output += "/>"
    }

    /// Markup written in this module's source (a style sheet, a doctype); never data.
    mutating func trusted(_ markup: StaticString) {
        output += "\(markup)"
    }

    /// A table row of escaped cells; `header` makes them `th`.
    mutating func row(_ cells: [String], header: Bool = false, class rowClass: String? = nil) {
        if let rowClass { open("tr", ["class": rowClass]) } else { open("tr") }
        for cell in cells {
            if header { element("th", cell) } else { element("td", cell) }
        }
        close("tr")
    }
}
