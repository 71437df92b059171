<#-- waiting.offer (en), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>Seat offered: ${(course.name)!""}</#assign>
<@t.hello/>

A seat has become free in the course <@t.coursePhrase c=course!{}/>, and it is reserved for you.

<#if offerExpires??>Please accept the offer by ${offerExpires}; otherwise the seat goes to the next person on the waiting list.<#else>Please accept the offer soon; otherwise the seat goes to the next person on the waiting list.</#if>

<@t.courseFacts/>

<@t.feeLine/>

<#if acceptUrl??>Accept the seat: ${acceptUrl}
</#if>
<#if declineUrl??>Decline the seat: ${declineUrl}
</#if>

<@t.statusLink/>

<@t.footer/>
