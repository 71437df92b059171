<#-- bulk (de): a coordinator's message to a course; plain text; also sets the subject -->
<#assign subject>${subject!""}</#assign>
Hallo ${firstName!""} ${lastName!""},

${body!""}

-- 
Diese Nachricht wurde automatisch von OpenSignup verschickt. Bitte antworten Sie nicht darauf.
