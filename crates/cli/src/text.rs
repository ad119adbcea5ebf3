//! The command line's own words (the format's labels are the model's: kinds,
//! vocabularies, severities, score rows). One place for every word the CLI
//! prints around them, each in Japanese and English.

use tsunagu_model::Message;

pub const VALID: Message = Message::fixed("有効", "valid");
pub const INVALID: Message = Message::fixed("無効", "invalid");
pub const CANNOT_READ: Message = Message::fixed("読み込めません", "cannot read");
pub const ERROR: Message = Message::fixed("エラー", "error");
pub const HINT: Message = Message::fixed("ヒント", "hint");
pub const VALUE: Message = Message::fixed("値", "value");
pub const SCORE_TITLE: Message = Message::fixed("医療的ケア判定スコア", "Medical-care score");
pub const WATCH: Message = Message::fixed("見守り", "watch");
pub const TOTAL: Message = Message::fixed("合計", "Total");
/// Between items of a list in running text.
pub const LIST_SEPARATOR: Message = Message::fixed("、", ", ");
