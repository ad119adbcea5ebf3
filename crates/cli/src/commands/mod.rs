pub mod schema;
pub mod score;
pub mod validate;
