<#-- signup.list (de), plain text; also sets the subject -->
<#assign subject>Ihre Anmeldungen</#assign>
Hallo ${firstName!""} ${lastName!""},

Sie haben eine Liste Ihrer Anmeldungen angefordert. Dieser Link zeigt alle Anmeldungen dieser E-Mail-Adresse mit ihrem Stand und dem, was Sie tun können (6 Stunden gültig):
${listUrl!""}

Wenn Sie die Liste nicht angefordert haben, können Sie diese Nachricht ignorieren.

-- 
Diese Nachricht wurde automatisch von OpenSignup verschickt. Bitte antworten Sie nicht darauf.
