// Package synth generates synthetic, labelled contact-center records: call transcripts in raw
// speech-to-text style, chat conversations and emails in German, Danish, Italian and English.
//
// Every record carries its labels: the personal values it contains (PII, each with its entity
// type and its text exactly as it appears in the record) and the look-alikes that must survive
// redaction (Keep: order, invoice, tracking and article numbers, amounts, times, ordinary dates,
// card-length numbers that fail Luhn, 11-digit numbers that are no national ID). Structured
// values are valid: IBANs pass mod 97, cards pass Luhn and sit in real issuer ranges, national
// IDs carry correct check digits and real birth dates, phone numbers follow the numbering plans.
//
// The generator is deterministic: the same seed yields the same records, byte for byte. All
// names, numbers and addresses are invented; any likeness to a real person is chance.
package synth
