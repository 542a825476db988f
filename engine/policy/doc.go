// Package policy decides what happens to each finding: a YAML policy maps entity types, subtypes and categories
// to actions (pseudonymise, mask, redact, generalise, drop, keep), with overrides per channel and per JSON path,
// and Render applies a decision to a value. It also classifies a record's findings for Kafka headers.
//
// A policy file looks like this (every key is optional except version):
//
//	version: "1"
//	metadata_keys: [id, channel, language, speaker, start_ms, end_ms, at, timestamp]
//	classification_field: ""            # or "_piiguard" to put the classification into the record
//	languages: [de, en]                 # narrow the rule languages; default: all
//	default: pseudonymise
//	categories: { special_category: redact, financial: pseudonymise }
//	subtypes: { health: redact }
//	types:
//	  CREDIT_CARD: { action: mask, keep_last: 4 }
//	  DATE_OF_BIRTH: generalise
//	channels:
//	  email: { languages: [en], types: { EMAIL: mask } }
//	paths:
//	  /subject: { default: redact }
//	  /segments/*/text: { types: { PHONE: mask } }
//
// Special categories (health, religion, …) are redacted unless a rule says drop: the policy refuses any other
// action for them at load, and Decide and Render enforce it again, so they never become joinable tokens.
package policy
