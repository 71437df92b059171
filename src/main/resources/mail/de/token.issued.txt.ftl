<#-- token.issued (de), plain text; also sets the subject -->
<#assign subject>Ihr Code für die vorzeitige Anmeldung<#if language?has_content> (${language})</#if></#assign>
Hallo<#if firstName?has_content> ${firstName} ${lastName!""}</#if>,

für Sie wurde ein Code für die vorzeitige Anmeldung<#if language?has_content> zu den Kursen der Sprache ${language}</#if> ausgestellt:

${token!""}

Geben Sie ihn im Anmeldeformular im Feld „Code für vorzeitige Anmeldung“ ein; er gilt nur zusammen mit dieser E-Mail-Adresse, nur einmal und bis ${expires!""}.

Zum Kursangebot:
${catalogueUrl!""}

-- 
Diese Nachricht wurde automatisch von OpenSignup verschickt. Bitte antworten Sie nicht darauf.
