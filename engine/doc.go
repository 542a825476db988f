// Package engine turns one interaction record into its outputs: it decodes the record into text fields, scans
// them, applies the policy (pseudonymise, mask, redact, generalise, drop, keep), classifies the record, finds
// compliance statements and encodes the redacted record in the same shape. The stream runtime that moves
// records through Kafka lives in engine/stream; the Pipeline here is what it runs for each record, and what
// `piiguard scan` runs for each line.
package engine
