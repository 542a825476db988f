package synth

// Labelled is one generated record and what it holds.
type Labelled struct {
	// Record is the record as one JSON object (call, chat or email shape, see DESIGN.md).
	Record []byte
	// PII are the personal values in the record, each once per (type, text).
	PII []Value
	// Keep are look-alikes that must survive redaction unchanged, each once.
	Keep []string
	// Channel is "call", "chat" or "email".
	Channel string
	// Language is "de", "da", "it" or "en".
	Language string
}

// Value is one labelled personal value.
type Value struct {
	// Type is the entity type: PERSON, EMAIL, PHONE, IBAN, CREDIT_CARD, DE_TAX_ID, DK_CPR,
	// IT_FISCAL_CODE, UK_NINO, US_SSN, ES_DNI, FR_NIR, NL_BSN, SE_PERSONNUMMER, NO_FNR, FI_HETU,
	// PL_PESEL, IP_ADDRESS, DATE_OF_BIRTH, ADDRESS or SPECIAL_CATEGORY.
	Type string
	// Text is the value exactly as it appears in a string of the record (spoken words for a
	// dictated number).
	Text string
}

// String returns the type only: a Value's text is personal data (if synthetic) and is never
// printed by accident.
func (v Value) String() string { return v.Type }
