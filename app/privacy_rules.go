package app

import (
	"context"

	"directdesk/backend/marketing"
)

// RulesInfo is what the Rules tab shows: the workspace's country and the
// default contact rules of every country DirectDesk knows.
type RulesInfo struct {
	Country   string            `json:"country"`
	Countries []CountryRulesDTO `json:"countries"`
}

// CountryRulesDTO is one country's rules per channel.
type CountryRulesDTO struct {
	Country  string                  `json:"country"`
	Register string                  `json:"register"` // the country's do-not-contact register, "" none
	Rules    []marketing.ChannelRule `json:"rules"`
}

// Rules returns the country rules, the workspace's country first.
func (p *Privacy) Rules() (RulesInfo, error) {
	if err := p.app.ready(); err != nil {
		return RulesInfo{}, err
	}
	s, err := p.app.Workspace.ws.Settings(context.Background())
	if err != nil {
		return RulesInfo{}, err
	}
	out := RulesInfo{Country: s.Country}
	// The workspace's country first, the others in their usual order.
	countries := []string{}
	if marketing.RegisterForCountry(s.Country) != "" || s.Country == marketing.CountryRU {
		countries = append(countries, s.Country)
	}
	for _, c := range []string{marketing.CountryDK, marketing.CountrySE, marketing.CountryNO, marketing.CountryRU} {
		if c != s.Country {
			countries = append(countries, c)
		}
	}
	for _, c := range countries {
		out.Countries = append(out.Countries, CountryRulesDTO{Country: c, Register: marketing.RegisterForCountry(c), Rules: marketing.CountryRules(c)})
	}
	return out, nil
}
