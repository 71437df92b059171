<#-- bulk (de): a coordinator's message to a course; plain text; also sets the subject -->
<#assign subject>${subject!""}</#assign>
<#if (firstName!"")?has_content>Hallo ${firstName} ${lastName!""},<#else>Hallo,</#if>

${body!""}

-- 
<#if (replyTo!"")?has_content>Antworten auf diese Nachricht gehen an ${replyTo}.<#else>Diese Nachricht wurde automatisch von OpenSignup verschickt. Bitte antworten Sie nicht darauf.</#if>
