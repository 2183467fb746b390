//! Any bytes → Review::from_json: must never panic or overflow the stack,
//! and a review that loads must survive a save/load round trip.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::review::Review;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(review) = Review::from_json(json) else {
        return;
    };
    let saved = review.to_json();
    let again = match Review::from_json(&saved) {
        Ok(r) => r,
        Err(e) => panic!("a loaded review does not load again after saving: {e}\n{saved}"),
    };
    assert_eq!(
        again.to_json(),
        saved,
        "save → load → save changed the review"
    );
});
