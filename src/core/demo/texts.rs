//! The demo's fictional people and the sentences its feedback and attendance are drawn from.

use super::super::domain::{Sector, StaffRole};

/// Strengths, each praising one criterion of the Job training set: a binôme only says it when it
/// rated that criterion 3 or 4.
pub(super) const STRENGTHS: [(&str, &str); 7] = [
    (
        "project",
        "Très clair sur son projet, sait expliquer pourquoi ce métier.",
    ),
    (
        "presentation",
        "Bonne présentation, poignée de main franche, regarde ses interlocuteurs.",
    ),
    (
        "motivation",
        "Motivé, a déjà cherché les formations du métier.",
    ),
    (
        "pitch",
        "Parle avec sincérité de son parcours et de ce qu'il en a appris.",
    ),
    (
        "trade_knowledge",
        "Connaît les horaires et les contraintes du métier.",
    ),
    (
        "pitch",
        "A su valoriser une expérience informelle (aide sur des chantiers).",
    ),
    (
        "expression",
        "S'exprime clairement, développe ses réponses avec des exemples.",
    ),
];

/// Said when no criterion reached 3: praises nothing the grid rated low.
pub(super) const STRENGTH_ANYWAY: &str = "Ponctuel, poli et attentif pendant l'entretien.";

/// Points to work on, each about one criterion: said only when it was rated 1 or 2.
pub(super) const TO_WORK_ON: [(&str, &str); 6] = [
    ("presentation", "Regard fuyant au début, se détend ensuite."),
    (
        "expression",
        "Réponses trop courtes : développer avec des exemples.",
    ),
    (
        "motivation",
        "Montrer ce qui l'attire dans le métier, au-delà du salaire.",
    ),
    ("trade_knowledge", "Vocabulaire du métier à travailler."),
    ("project", "Parler de ses disponibilités et de la mobilité."),
    ("pitch", "Mieux expliquer le trou dans le CV."),
];

/// Said when every criterion reached 3.
pub(super) const TO_WORK_ON_ANYWAY: &str = "Préparer une question à poser au recruteur.";

/// First advice: (the criteria it answers, sentence); the last ones answer none in particular.
pub(super) const ADVICE: [(&[&str], &str); 4] = [
    (
        &["presentation", "expression", "pitch"],
        "S'entraîner à se présenter en deux minutes.",
    ),
    (
        &["project", "trade_knowledge", "motivation"],
        "Demander une immersion avant la sortie.",
    ),
    (&[], "Contacter la Mission locale dès la sortie."),
    (
        &[],
        "Se renseigner sur les formations qualifiantes du secteur.",
    ),
];

pub(super) const CANDIDATES: [(&str, &str, Sector, &str); 10] = [
    ("Yanis", "Benali", Sector::Logistics, "cariste"),
    ("Mehdi", "Kaci", Sector::Btp, "maçon"),
    (
        "Lucas",
        "Dubreuil",
        Sector::Hospitality,
        "commis de cuisine",
    ),
    (
        "Kevin",
        "Marchal",
        Sector::Environment,
        "agent d'entretien des espaces verts",
    ),
    ("Samir", "Toumi", Sector::Metalwork, "soudeur"),
    ("Enzo", "Lefort", Sector::FoodTrades, "boulanger"),
    (
        "Bilal",
        "Haddouche",
        Sector::Logistics,
        "préparateur de commandes",
    ),
    ("Jordan", "Perrot", Sector::Btp, "plaquiste"),
    (
        "Anthony",
        "Ribeiro",
        Sector::Hospitality,
        "plongeur puis serveur",
    ),
    ("Moussa", "Diallo", Sector::Environment, "agent de tri"),
];

pub(super) const PROFESSIONALS: [(&str, &str, &str, Sector); 15] = [
    (
        "Claire",
        "Morel",
        "Boulangerie du Clain",
        Sector::FoodTrades,
    ),
    ("Karim", "Haddad", "Transports Perrin", Sector::Logistics),
    ("Nathalie", "Perrin", "Transports Perrin", Sector::Logistics),
    ("Olivier", "Dubois", "Bâtir Vienne", Sector::Btp),
    (
        "Isabelle",
        "Girard",
        "Hôtel des Remparts",
        Sector::Hospitality,
    ),
    (
        "Awa",
        "N'Guessan",
        "Restaurant La Treille",
        Sector::Hospitality,
    ),
    (
        "Thierry",
        "Vasseur",
        "Métallerie Chauvinoise",
        Sector::Metalwork,
    ),
    (
        "Sandrine",
        "Blanchard",
        "Vert Poitou Paysages",
        Sector::Environment,
    ),
    (
        "Franck",
        "Moreau",
        "Recyclage Centre-Ouest",
        Sector::Environment,
    ),
    (
        "Hélène",
        "Caillaud",
        "Groupement d'employeurs BTP 86",
        Sector::Btp,
    ),
    (
        "Rachid",
        "Benhamou",
        "Entrepôts du Futuroscope",
        Sector::Logistics,
    ),
    (
        "Valérie",
        "Texier",
        "Charcuterie Texier",
        Sector::FoodTrades,
    ),
    (
        "Damien",
        "Fouché",
        "Chaudronnerie du Haut-Poitou",
        Sector::Metalwork,
    ),
    (
        "Laurence",
        "Pichon",
        "Propreté Services 86",
        Sector::Cleaning,
    ),
    (
        "Stéphane",
        "Guérin",
        "Maçonnerie Guérin & Fils",
        Sector::Btp,
    ),
];

pub(super) const STAFF: [(&str, &str, &str, StaffRole); 4] = [
    (
        "Sophie",
        "Garnier",
        "Mission locale de Poitiers",
        StaffRole::MissionLocale,
    ),
    ("Nadia", "Belkacem", "SPIP de la Vienne", StaffRole::Spip),
    ("Julien", "Roux", "Coach indépendant", StaffRole::Coach),
    (
        "Patrick",
        "Lemoine",
        "Centre pénitentiaire",
        StaffRole::Guard,
    ),
];

pub(super) const HOUSING: [&str; 4] = [
    "hébergé chez sa mère à la sortie",
    "pas de solution d'hébergement, demande SIAO en cours",
    "foyer jeunes travailleurs envisagé",
    "appartement de sa compagne",
];

pub(super) const JUDICIAL: [&str; 4] = [
    "aménagement de peine possible, audience JAP à venir",
    "libération conditionnelle envisagée",
    "bracelet électronique demandé",
    "fin de peine, pas d'aménagement",
];

pub(super) const ABSENCE_REASONS: [&str; 4] = [
    "parloir",
    "rendez-vous médical",
    "transfert",
    "audience JAP",
];
