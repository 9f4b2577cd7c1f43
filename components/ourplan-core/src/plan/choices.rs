//! The plan document's small enumerations (how often, paid from, how managed, which period):
//! their choices, JSON names and catalogue keys, written once, for the document's serde, the
//! field editor and every screen.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A period a budget or limit is given for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Per week.
    Week,
    /// Per month.
    Month,
    /// Per year.
    Year,
}

/// How the budget is managed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ManagedAs {
    /// Not said yet.
    #[default]
    NotSaid,
    /// A direct payment to the person.
    DirectPayment,
    /// The council arranges the support.
    CouncilManaged,
    /// A provider holds the money for the person (an individual service fund).
    IndividualServiceFund,
    /// A mix of these.
    Mixed,
}

/// How often a budget line's cost comes round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Frequency {
    /// Every week.
    #[default]
    Weekly,
    /// Every month.
    Monthly,
    /// Every year.
    Yearly,
    /// Once.
    OneOff,
}

/// Where a budget line's money comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PaidFrom {
    /// The person's direct payment.
    #[default]
    DirectPayment,
    /// Support the council arranges.
    CouncilManaged,
    /// An individual service fund.
    IndividualServiceFund,
    /// The person's own money: shown, never counted against the council's budget.
    OwnMoney,
    /// Something else.
    Other,
}

/// Each small enumeration's choices, in the order a screen offers them, with its JSON value and
/// the catalogue key of its name: the one place the JSON names are written (serde reads and
/// writes them from here).
macro_rules! choices {
    ($ty:ident { $($variant:ident => $json:literal, $label:literal;)* }) => {
        impl $ty {
            /// Every choice, in the order a screen offers them.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),*];

            /// The JSON value.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $json,)*
                }
            }

            /// The catalogue key of its name.
            pub fn label(self) -> &'static str {
                match self {
                    $($ty::$variant => $label,)*
                }
            }

            /// The choice with this JSON value.
            pub fn from_name(name: &str) -> Option<$ty> {
                $ty::ALL.iter().copied().find(|c| c.as_str() == name)
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                $ty::from_name(&name).ok_or_else(|| {
                    let expected: Vec<&str> = $ty::ALL.iter().map(|c| c.as_str()).collect();
                    D::Error::custom(format!(
                        "unknown value \"{name}\", expected one of {expected:?}"
                    ))
                })
            }
        }
    };
}

choices!(Frequency {
    Weekly => "weekly", "plan.frequency.weekly";
    Monthly => "monthly", "plan.frequency.monthly";
    Yearly => "yearly", "plan.frequency.yearly";
    OneOff => "one-off", "plan.frequency.one-off";
});

choices!(PaidFrom {
    DirectPayment => "direct-payment", "plan.paid_from.direct-payment";
    CouncilManaged => "council-managed", "plan.paid_from.council-managed";
    IndividualServiceFund => "individual-service-fund", "plan.paid_from.individual-service-fund";
    OwnMoney => "own-money", "plan.paid_from.own-money";
    Other => "other", "plan.paid_from.other";
});

choices!(ManagedAs {
    NotSaid => "", "plan.managed_as.not-said";
    DirectPayment => "direct-payment", "plan.managed_as.direct-payment";
    CouncilManaged => "council-managed", "plan.managed_as.council-managed";
    IndividualServiceFund => "individual-service-fund", "plan.managed_as.individual-service-fund";
    Mixed => "mixed", "plan.managed_as.mixed";
});

choices!(Period {
    Week => "week", "plan.period.week";
    Month => "month", "plan.period.month";
    Year => "year", "plan.period.year";
});
