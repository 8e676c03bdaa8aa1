/// Statistical disclosure control (DisclosureControl) on the figures as read
/// and added up, before anything is derived from them: a rate whose
/// numerator is kept secret is then "." too, and every page, map, key and
/// download shows the protected figures only.
extension LoadRun {
    mutating func keepSecrets(_ values: inout DisclosureControl.Values) {
        var minimum: [String: Int] = [:]
        for indicator in definition.indicators {
            guard let rule = indicator.disclosure else { continue }
            if let least = rule.min { minimum[indicator.id] = least }
            for part in rule.sumOf where values[part.value] == nil {
                let known = definition.indicators.contains { $0.id == part.value }
                reporter.add(
                    diagnostic(
                        .error,
                        known
                            ? "indicator \"\(part.value)\" has no figures, so \"\(indicator.id)\" cannot be checked as its sum"
                            : "there is no indicator \"\(part.value)\"",
                        at: part,
                        hint: Suggestion.hint(
                            for: part.value, in: definition.indicators.map(\.id), otherwise: "name the indicators whose sum this one is")))
            }
        }
        let relations = DisclosureControl.relations(for: definition.indicators, values: values, regions: regions)
        let outcome = DisclosureControl.protect(&values, minimum: minimum, relations: relations)
        statistics.primarySuppressed = outcome.primary.count
        statistics.secondarySuppressed = outcome.secondary.count
    }
}
