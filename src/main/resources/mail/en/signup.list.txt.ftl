<#-- signup.list (en), plain text; also sets the subject -->
<#assign subject>Your signups</#assign>
Dear ${firstName!""} ${lastName!""},

You asked for a list of your signups. This link shows all signups of this e-mail address, with their state and what you can do (valid for 6 hours):
${listUrl!""}

If you did not ask for it, you can ignore this message.

-- 
This message was sent automatically by OpenSignup. Please do not reply to it.
