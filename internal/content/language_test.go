package content

import "testing"

func TestParseLanguage(t *testing.T) {
	tests := []struct{ in, want string }{
		{"en", "en"},
		{"eng", "en"},
		{"ES", "es"},
		{"spa", "es"},
		{"pt-BR", "pt-BR"},
		{"pt-br", "pt-BR"},
		{"pt_BR", "pt-BR"},
		{"fil", "fil"},
		{"ast", "ast"}, // ISO 639-3 alone: no two-letter code
		{"ger", "de"},  // ISO 639-2/B
		{"iw", "he"},
		{"zh-Hant", "zh-Hant"},
		{"xx", ""},
		{"zz", ""},
		{"qaa", ""}, // reserved for local use
		{"und", ""},
		{"English", ""},
		{"en-x-foo", ""},            // private use
		{"ja-JP-u-ca-japanese", ""}, // an extension
		{"de-CH-1996", ""},          // a variant
		{"", ""},
	}
	for _, tt := range tests {
		got, err := ParseLanguage(tt.in)
		if got != tt.want || (err != nil) != (tt.want == "") {
			t.Errorf("ParseLanguage(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestLanguageHint(t *testing.T) {
	tests := []struct{ in, want string }{
		{"English", "write en, the code of English"},
		{"spanish", "write es, the code of spanish"},
		{"Español", "write es, the code of Español"},
		{"Deutsch", "write de, the code of Deutsch"},
		{"Asturian", "write ast, the code of Asturian"},
		{"en-x-foo", "write en"},
		{"de-CH-1996", "write de-CH"},
		{"zh-Hant-TW-u-nu-hanidec", "write zh-Hant-TW"},
		{"Englsh", "write an ISO 639 code, like en or eng for English, es or spa for Spanish, or a code with a region, like pt-BR"},
		{"xx", "write an ISO 639 code, like en or eng for English, es or spa for Spanish, or a code with a region, like pt-BR"},
	}
	for _, tt := range tests {
		if got := languageHint(tt.in); got != tt.want {
			t.Errorf("languageHint(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLanguageName(t *testing.T) {
	tests := []struct{ tag, want string }{
		{"en", "English"},
		{"es", "Español"},
		{"de", "Deutsch"},
		{"fr", "Français"},
		{"pt", "Português"},
		// Named as the language alone: told apart by the region.
		{"pt-BR", "Português (Brasil)"},
		// Named on their own.
		{"pt-PT", "Português europeu"},
		{"es-419", "Español latinoamericano"},
		{"en-US", "American English"},
		{"zh-Hant", "繁體中文"},
		{"zh-Hant-TW", "繁體中文 (台灣)"},
		{"ja", "日本語"},
		{"und", ""},
		{"not a tag", ""},
	}
	for _, tt := range tests {
		if got := LanguageName(tt.tag); got != tt.want {
			t.Errorf("LanguageName(%q) = %q, want %q", tt.tag, got, tt.want)
		}
	}
}
