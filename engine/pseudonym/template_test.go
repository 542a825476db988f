package pseudonym

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTemplateValid(t *testing.T) {
	tests := map[string]struct {
		template string
		want     string
	}{
		"default":          {template: DefaultTemplate, want: "<EMAIL:k1:0123456789ABCDEF>"},
		"brackets":         {template: "[{type}|{kid}|{token}]", want: "[EMAIL|k1|0123456789ABCDEF]"},
		"reordered":        {template: "«{token}@{kid}/{type}»", want: "«0123456789ABCDEF@k1/EMAIL»"},
		"words in literal": {template: "<pii {type}: {kid} {token}>", want: "<pii EMAIL: k1 0123456789ABCDEF>"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			tpl, err := parseTemplate(tc.template)
			require.NoError(t, err)
			got := tpl.render("EMAIL", "k1", []byte("0123456789ABCDEF"))
			assert.Equal(t, tc.want, got)
			typ, kid, part, ok := tpl.parse(got)
			require.True(t, ok)
			assert.Equal(t, []string{"EMAIL", "k1", "0123456789ABCDEF"}, []string{typ, kid, part})
			_, _, _, ok = tpl.parse("x" + got)
			assert.False(t, ok, "parse matches whole tokens only")
		})
	}
}

func TestTemplateInvalid(t *testing.T) {
	tests := map[string]struct {
		template string
		want     string
	}{
		"empty":                  {template: "", want: "lacks {type}"},
		"no token":               {template: "<{type}:{kid}>", want: "lacks {token}"},
		"no kid":                 {template: "<{type}:{token}>", want: "lacks {kid}"},
		"no type":                {template: "<{kid}:{token}>", want: "lacks {type}"},
		"twice":                  {template: "<{type}:{kid}:{token}:{token}>", want: "{token} more than once"},
		"unknown placeholder":    {template: "<{type}:{kid}:{token}:{value}>", want: `unknown placeholder "{value}"`},
		"open brace":             {template: "<{type}:{kid}:{token}{>", want: "'{' without '}'"},
		"stray close brace":      {template: "<{type}:{kid}:{token}}>", want: "'}' outside"},
		"no start delimiter":     {template: "{type}:{kid}:{token}>", want: "start with a delimiter"},
		"word start":             {template: "pii_{type}:{kid}:{token}>", want: "start with a delimiter"},
		"no end delimiter":       {template: "<{type}:{kid}:{token}", want: "end with a delimiter"},
		"word end":               {template: "<{type}:{kid}:{token}x", want: "end with a delimiter"},
		"adjacent placeholders":  {template: "<{type}{kid}:{token}>", want: "separate placeholders"},
		"separator is word char": {template: "<{type}_{kid}-{token}>", want: "separate placeholders"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := parseTemplate(tc.template)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
