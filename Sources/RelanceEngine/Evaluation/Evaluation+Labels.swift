import RelanceCore

extension EvaluationCount {
    /// The count's name for people, in French.
    var label: String {
        switch self {
        case .members: "Demandeurs d'emploi suivis"
        case .declaredOnTime: "Actualisés à temps"
        case .late: "Actualisés en retard"
        case .missed: "Non actualisés"
        case .journalComplete: "Journaux complets"
        case .delivered: "Relances délivrées"
        case .casesOpened: "Suivis ouverts"
        case .resolvedWithinSLA: "Suivis résolus dans le délai"
        }
    }
}

extension EvaluationRate {
    /// The rate's name for people, in French.
    var label: String {
        switch self {
        case .declaredOnTime: "Actualisés à temps"
        case .late: "Actualisés en retard"
        case .missed: "Non actualisés"
        case .journalComplete: "Journal complet (parmi les journaux requis)"
        case .delivered: "Relances délivrées (parmi les envoyées)"
        case .casesPer1000: "Suivis ouverts pour 1 000 demandeurs"
        case .resolvedWithinSLA: "Suivis résolus dans le délai"
        }
    }

    /// A value of the rate for people: `93,4 %`, or `12,3` for 1,000.
    func text(_ value: Double?) -> String {
        guard let value else { return "–" }
        return self == .casesPer1000 ? ReportFormat.decimal(value, digits: 1) : ReportFormat.percent(value)
    }

    /// A difference of the rate for people: `+2,1 pt`, or `+1,5` for 1,000; one that rounds to
    /// zero has no sign (`0,0 pt`, never `−0,0 pt`).
    func differenceText(_ value: Double) -> String {
        let magnitude = ReportFormat.decimal(abs(value) * (self == .casesPer1000 ? 1 : 100), digits: 1)
        let sign = magnitude == "0,0" ? "" : value > 0 ? "+" : "−"
        return sign + magnitude + (self == .casesPer1000 ? "" : "\u{202F}pt")
    }

    /// A difference with its interval: `+2,1 pt [+1,5 pt ; +2,7 pt]`.
    func estimateText(_ estimate: EvaluationEstimate?) -> String {
        guard let estimate else { return "–" }
        return "\(differenceText(estimate.value)) \(intervalText(estimate))"
    }

    /// The 95 % interval of a difference: `[+1,5 pt ; +2,7 pt]`.
    func intervalText(_ estimate: EvaluationEstimate?) -> String {
        guard let (low, high) = estimate?.ci95 else { return "–" }
        return "[\(differenceText(low))\u{202F}; \(differenceText(high))]"
    }
}

extension Evaluation {
    /// The statistical method, in French, as the page says it.
    static let method =
        "Écarts entre groupes avec un intervalle de confiance à 95 % par l'approximation normale "
        + "d'une différence de proportions (variance p(1 − p)/n de chaque groupe, variances additionnées) ; "
        + "différence de différences : écart groupé de la période évaluée moins écart groupé des périodes "
        + "précédant l'obligation, variances additionnées. Analyse en intention de traiter : chaque demandeur "
        + "compte dans le groupe de son département tel qu'enregistré pour la période, quelle que soit sa "
        + "propre colonne journal_required. Les deux groupes sont les mêmes départements pour toutes les "
        + "périodes, de référence comme évaluées. Limite : les demandeurs sont traités comme indépendants, "
        + "alors qu'un même demandeur compte dans chaque période regroupée et que les départements diffèrent "
        + "entre eux ; les intervalles des synthèses sont donc trop étroits (pas de correction par grappes) "
        + "et se lisent comme une incertitude minimale."

    /// The rule of statistical secrecy, in French.
    var secrecy: String {
        "Secret statistique : tout effectif inférieur à \(minCell) est affiché « < \(minCell) » et exclu des taux, "
            + "de même que les cases qui permettraient de le retrouver (secret secondaire)."
    }

    /// `Bourgogne…`: the obligation's periods in French.
    var rangeText: String {
        "de \(ReportFormat.periodName(from)) à \(ReportFormat.periodName(to))"
    }
}
