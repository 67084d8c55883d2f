package content

import "testing"

func TestParseLanguage(t *testing.T) {
	tests := []struct{ in, want string }{
		{"en", "en"},
		{"eng", "en"},
		{"ES", "es"},
		{"spa", "es"},
		{"pt-BR", "pt-BR"},
		{"fil", "fil"},
		{"iw", "he"},
		{"xx", ""},
		{"zz", ""},
		{"und", ""},
		{"English", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, err := ParseLanguage(tt.in)
		if got != tt.want || (err != nil) != (tt.want == "") {
			t.Errorf("ParseLanguage(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestLanguageName(t *testing.T) {
	tests := []struct{ tag, want string }{
		{"en", "English"},
		{"es", "Español"},
		{"de", "Deutsch"},
		{"fr", "Français"},
		{"pt-BR", "Português"},
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
