<#-- bulk (en): a coordinator's message to a course; plain text; also sets the subject -->
<#assign subject>${subject!""}</#assign>
<#if (firstName!"")?has_content>Dear ${firstName} ${lastName!""},<#else>Hello,</#if>

${body!""}

-- 
<#if (replyTo!"")?has_content>Replies to this message go to ${replyTo}.<#else>This message was sent automatically by OpenSignup. Please do not reply to it.</#if>
