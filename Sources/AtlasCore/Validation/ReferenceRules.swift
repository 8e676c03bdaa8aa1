/// Rules on the definition itself: every name an indicator uses (theme,
/// licence, weighting indicator) must exist; ids are unique and URL-safe.
extension LoadRun {
    func checkReferences() {
        var themeIDs: [String: Bool] = [:]
        for theme in definition.topics {
            if themeIDs[theme.id] != nil {
                reporter.add(Diagnostic.error("the theme \"\(theme.id)\" is defined twice in themes.yaml"))
            }
            themeIDs[theme.id] = true
            checkID(theme.id, what: "theme", at: theme.location)
        }
        let indicatorIDs = Set(definition.indicators.map(\.id))
        for indicator in definition.indicators {
            checkID(indicator.id, what: "indicator", at: indicator.location)
            // Each indicator's download is daten/<id>.csv, beside these.
            if indicator.id == "atlas" || indicator.id == "angebotsverzeichnis" || indicator.id.hasPrefix("schluessel-")
                || indicator.id.hasSuffix("-excel")
            {
                reporter.add(
                    Diagnostic.error(
                        "the indicator id \"\(indicator.id)\" is reserved: its download daten/\(indicator.id).csv would replace one the atlas makes itself",
                        at: indicator.location,
                        hint: "choose another id (not atlas, angebotsverzeichnis, schluessel-… or …-excel) and rename the file to match"))
            }
            if themeIDs[indicator.topic.value] == nil {
                let hint = Suggestion.hint(
                    for: indicator.topic.value, in: definition.topics.map(\.id),
                    otherwise:
                        "use one of the themes in themes.yaml: \(definition.topics.map(\.id).joined(separator: ", "))")
                reporter.add(
                    diagnostic(
                        .error, "indicator \"\(indicator.id)\" names the unknown theme \"\(indicator.topic.value)\"",
                        at: indicator.topic, hint: hint))
            }
            let licence = indicator.source.licence
            if definition.licences[licence.value] == nil {
                let hint = Suggestion.hint(
                    for: licence.value, in: definition.licences.keys,
                    otherwise:
                        "use a licence declared under \"licences:\" in atlas.yaml: \(definition.licences.keys.sorted().joined(separator: ", "))"
                )
                reporter.add(
                    diagnostic(
                        .error, "indicator \"\(indicator.id)\" names the unknown licence \"\(licence.value)\"",
                        at: licence, hint: hint))
            }
            if case .weightedMean(let weight) = indicator.reference {
                if !indicatorIDs.contains(weight.value) {
                    let hint = Suggestion.hint(
                        for: weight.value, in: indicatorIDs,
                        otherwise: "name an indicator that counts what the rate is per head of, e.g. the population")
                    reporter.add(
                        diagnostic(
                            .error,
                            "indicator \"\(indicator.id)\" is weighted by the unknown indicator \"\(weight.value)\"",
                            at: weight, hint: hint))
                } else if weight.value == indicator.id {
                    reporter.add(
                        diagnostic(.error, "indicator \"\(indicator.id)\" cannot be weighted by itself", at: weight))
                }
            }
        }
    }

    /// Ids become URLs (/indikator/<id>/): lower-case letters, digits, "-" and "_".
    func checkID(_ id: String, what: String, at location: SourceLocation? = nil) {
        let ok =
            !id.isEmpty
            && id.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            }
        if !ok {
            let message = "the \(what) id \"\(id)\" may only contain a–z, 0–9, \"-\" and \"_\""
            let hint = "ids become web addresses; write umlauts as ae, oe, ue and ß as ss"
            reporter.add(
                location.map { diagnostic(.error, message, at: Located(id, at: $0), hint: hint) } ?? Diagnostic.error(message, hint: hint))
        }
    }
}
