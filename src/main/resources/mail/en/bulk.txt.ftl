<#-- bulk (en): a coordinator's message to a course; plain text; also sets the subject -->
<#assign subject>${subject!""}</#assign>
Dear ${firstName!""} ${lastName!""},

${body!""}

-- 
This message was sent automatically by OpenSignup. Please do not reply to it.
