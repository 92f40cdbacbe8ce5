//! Bulk import: many CVs to JSON Lines (see issue "Bulk import").
