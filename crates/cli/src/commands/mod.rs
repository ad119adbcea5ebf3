pub mod codes;
pub mod convert;
pub mod extract;
pub mod render;
pub mod schema;
pub mod score;
pub mod validate;
pub mod verify;
