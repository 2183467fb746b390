//! Any bytes → source::decode → extract → checks::run: must never panic,
//! and every cell the extractor reads must point into the text it read.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::report::CellState;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = nianbao::source::decode(data) else {
        return;
    };
    let text = &source.text;
    let report = nianbao::extract::extract(text);
    for (id, cell) in &report.cells {
        if let Some(span) = cell.span {
            assert!(
                span.start <= span.end
                    && span.end <= text.len()
                    && text.is_char_boundary(span.start)
                    && text.is_char_boundary(span.end),
                "{id}: span {span:?} outside the text of {} bytes",
                text.len()
            );
        }
        if cell.value.is_some() {
            assert!(
                matches!(
                    cell.state,
                    CellState::Extracted | CellState::Inferred | CellState::Edited
                ),
                "{id}: a value in state {:?}",
                cell.state
            );
        }
    }
    let _ = nianbao::checks::run(&report, text);
});
