<#-- token.issued (en), plain text; also sets the subject -->
<#assign subject>Your code for early signup<#if language?has_content> (${language})</#if></#assign>
Hello<#if firstName?has_content> ${firstName} ${lastName!""}</#if>,

a code for early signup<#if language?has_content> to the ${language} courses</#if> has been issued to you:

${token!""}

Enter it in the signup form's "Early signup code" field; it is valid only with this e-mail address, only once, and until ${expires!""}.

The courses:
${catalogueUrl!""}

-- 
This message was sent automatically by OpenSignup. Please do not reply to it.
