<#-- waiting.offer (en), plain text; also sets the subject -->
<#assign courseName = (course.name)!"" courseLang = (course.language)!"">
<#assign subject>Seat offered: ${courseName}</#assign>
Dear ${firstName!""} ${lastName!""},

A seat has become free in the course “${courseName}”<#if courseLang?has_content> (${courseLang})</#if>, and it is reserved for you.

<#if offerExpires??>Please accept the offer by ${offerExpires}; otherwise the seat goes to the next person on the waiting list.<#else>Please accept the offer soon; otherwise the seat goes to the next person on the waiting list.</#if>

<#if fee??>Course fee: ${fee}</#if>

<#if acceptUrl??>Accept the seat: ${acceptUrl}</#if>
<#if declineUrl??>Decline the seat: ${declineUrl}</#if>

<#if statusUrl??>You can check the status of your signup at any time here:
${statusUrl}</#if>

-- 
This message was sent automatically by OpenSignup. Please do not reply to it.
