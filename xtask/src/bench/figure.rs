//! One figure of the bench: measured, or explicitly not (`null` in JSON). Its own file so
//! that every result type (`report`, `publish`) can use it without importing each other.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One figure: measured, or explicitly not (`null` in JSON: a sample that could not be
/// taken, a ratio with a zero or missing side). A missing field is an error, never this.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Figure {
    /// The value.
    Measured(f64),
    /// The browser could not take it.
    #[default]
    NotMeasured,
}

impl Figure {
    /// The value, if measured.
    pub fn get(self) -> Option<f64> {
        match self {
            Figure::Measured(x) => Some(x),
            Figure::NotMeasured => None,
        }
    }
}

impl From<Option<f64>> for Figure {
    fn from(x: Option<f64>) -> Self {
        match x {
            Some(x) if x.is_finite() => Figure::Measured(x),
            _ => Figure::NotMeasured,
        }
    }
}

impl Serialize for Figure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.get().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Figure {
    /// Through `deserialize_any`, so that a *missing* field is an error (serde only
    /// fills in `None` for fields read through `deserialize_option`).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Figure;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number or null")
            }
            fn visit_unit<E>(self) -> Result<Figure, E> {
                Ok(Figure::NotMeasured)
            }
            fn visit_f64<E>(self, x: f64) -> Result<Figure, E> {
                Ok(Some(x).into())
            }
            fn visit_u64<E>(self, x: u64) -> Result<Figure, E> {
                Ok(Figure::Measured(x as f64))
            }
            fn visit_i64<E>(self, x: i64) -> Result<Figure, E> {
                Ok(Figure::Measured(x as f64))
            }
        }
        d.deserialize_any(V)
    }
}
