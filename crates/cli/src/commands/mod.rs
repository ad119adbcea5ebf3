pub mod extract;
pub mod render;
pub mod schema;
pub mod score;
pub mod validate;
